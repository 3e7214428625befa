from flask_wtf import FlaskForm
from wtforms import DecimalField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, NumberRange, Optional, ValidationError


class NotGirisFormu(FlaskForm):
    """Form used by teachers to enter one mark."""

    ogrenci = SelectField("Öğrenci", coerce=int, validators=[DataRequired()])
    puan = DecimalField(
        "Puan",
        places=1,
        validators=[DataRequired(message="Puan zorunludur"), NumberRange(0, 100, message="Puan 0 ile 100 arasinda olmali")],
    )
    sinav_turu = SelectField(
        "Sınav türü",
        choices=[("yazili", "Yazılı"), ("sozlu", "Sözlü"), ("proje", "Proje"), ("quiz", "Quiz")],
    )
    aciklama = TextAreaField("Açıklama", validators=[Optional()])

    def validate_puan(self, field):
        # yarim puanlara izin var, ceyrek puanlara yok
        if field.data is not None and (field.data * 2) % 1:
            raise ValidationError("Sadece tam veya yarım puan girilebilir.")


# Parents log in with the national ID number and the phone on file.
class ParentLoginForm(FlaskForm):
    tc_kimlik = StringField("T.C. Kimlik No", validators=[DataRequired()])
    phone = StringField("Phone", validators=[DataRequired()])

    def validate_tc_kimlik(self, field):
        value = field.data.strip()
        if len(value) != 11 or not value.isdigit() or value[0] == "0":
            raise ValidationError("Invalid Turkish ID number")
