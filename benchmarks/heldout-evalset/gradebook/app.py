"""Flask gradebook for Ataturk Anadolu Lisesi (teachers enter marks, parents read them)."""

from statistics import mean

from flask import Flask, abort, flash, g, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from gradebook.db import Ders, Not, Ogrenci, db
from gradebook.forms import NotGirisFormu

app = Flask(__name__)
app.config.from_prefixed_env("GRADEBOOK")
# Marks are 0-100; the letter bands follow the university scale.

PASS_MARK = 50
# harf notlari: AA=90+, BA=85, BB=80 ...
LETTER_BANDS = [(90, "AA"), (85, "BA"), (80, "BB"), (75, "CB"), (70, "CC"), (60, "DC"), (50, "DD"), (0, "FF")]


def letter_grade(puan: float) -> str:
    for threshold, letter in LETTER_BANDS:
        if puan >= threshold:
            return letter
    return "FF"


def average_score(marks: list[float]) -> float | None:
    """Öğrencinin ders ortalamasını hesaplar; not yoksa None döner."""
    if not marks:
        return None
    return round(mean(marks), 2)


@app.before_request
def load_term():
    # default to the current term when the query string has none
    g.donem = request.args.get("donem", "2025-1")


@app.route("/dersler/<int:ders_id>/notlar", methods=["GET", "POST"])
@login_required
def not_gir(ders_id: int):
    ders = db.session.get(Ders, ders_id) or abort(404)
    if ders.ogretmen_id != current_user.id:
        abort(403)
    form = NotGirisFormu()
    if form.validate_on_submit():
        db.session.add(Not(ogrenci_id=form.ogrenci.data, ders_id=ders.id, puan=form.puan.data, donem=g.donem))
        db.session.commit()
        flash("Not basariyla kaydedildi.", "success")
        return redirect(url_for("not_gir", ders_id=ders.id))
    return render_template("notlar/giris.html", ders=ders, form=form)


@app.get("/api/ogrenci/<int:ogrenci_id>/karne")
@login_required
def karne(ogrenci_id: int):
    ogrenci = db.session.get(Ogrenci, ogrenci_id) or abort(404)
    rows = []
    for ders in ogrenci.dersler:
        scores = [n.puan for n in ders.notlar if n.ogrenci_id == ogrenci.id and n.donem == g.donem]
        avg = average_score(scores)
        rows.append(
            {
                "ders": ders.ad,
                "ortalama": avg,
                "harf": letter_grade(avg) if avg is not None else None,
                "durum": "Geçti" if avg is not None and avg >= PASS_MARK else "Kaldı",
            }
        )
    return jsonify(student=f"{ogrenci.ad} {ogrenci.soyad}", term=g.donem, rows=rows)


@app.errorhandler(403)
def forbidden(_err):
    return render_template("hata.html", mesaj="Bu sayfayi goruntuleme yetkiniz yok."), 403
