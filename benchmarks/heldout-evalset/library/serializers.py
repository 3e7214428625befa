"""DRF serializers for the library API."""

from datetime import timedelta

from django.utils import timezone
from rest_framework import serializers

from library.models import Emprunt, Livre

MAX_LOAN_DAYS = 28  # four weeks, per library rules


class LivreSerializer(serializers.ModelSerializer):
    auteurs = serializers.StringRelatedField(many=True)
    disponible = serializers.SerializerMethodField()

    class Meta:
        model = Livre
        fields = ["id", "titre", "isbn", "auteurs", "langue", "annee", "disponible"]

    def get_disponible(self, obj) -> bool:
        return not obj.emprunts.filter(statut=Emprunt.Statut.EN_COURS).exists()


class EmpruntSerializer(serializers.ModelSerializer):
    class Meta:
        model = Emprunt
        fields = ["id", "livre", "date_emprunt", "date_retour_prevue", "statut"]
        read_only_fields = ["date_emprunt", "statut"]

    def validate_date_retour_prevue(self, value):
        today = timezone.localdate()
        if value <= today:
            raise serializers.ValidationError("La date de retour doit être dans le futur.")
        if value - today > timedelta(days=MAX_LOAN_DAYS):
            raise serializers.ValidationError(f"Un prêt ne peut pas dépasser {MAX_LOAN_DAYS} jours.")
        return value

    def validate_livre(self, livre):
        # الكتاب يجب أن يكون متاحا للإعارة
        if livre.emprunts.filter(statut=Emprunt.Statut.EN_COURS).exists():
            raise serializers.ValidationError("هذا الكتاب مُعار حاليا، يرجى اختيار نسخة أخرى.")
        return livre
