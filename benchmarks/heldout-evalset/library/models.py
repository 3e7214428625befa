from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Auteur(models.Model):
    nom = models.CharField("nom", max_length=120)
    prenom = models.CharField("prénom", max_length=120, blank=True)
    date_naissance = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = "auteur"
        verbose_name_plural = "auteurs"
        ordering = ["nom", "prenom"]

    def __str__(self):
        return f"{self.prenom} {self.nom}".strip()


class Livre(models.Model):
    """Un ouvrage du catalogue ; un livre peut avoir plusieurs exemplaires."""

    titre = models.CharField(_("title"), max_length=255)
    isbn = models.CharField("ISBN", max_length=17, unique=True)
    auteurs = models.ManyToManyField(Auteur, related_name="livres")
    langue = models.CharField(max_length=8, default="fr")
    annee = models.PositiveSmallIntegerField("année de parution", null=True)
    # stored on S3 via django-storages
    cover = models.ImageField(upload_to="covers/", blank=True)

    def __str__(self):
        return self.titre


class Emprunt(models.Model):
    class Statut(models.TextChoices):
        EN_COURS = "en_cours", "En cours"
        RENDU = "rendu", "Rendu"
        EN_RETARD = "retard", "En retard"

    livre = models.ForeignKey(Livre, on_delete=models.PROTECT, related_name="emprunts")
    lecteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    date_emprunt = models.DateField(auto_now_add=True)
    date_retour_prevue = models.DateField()
    statut = models.CharField(max_length=10, choices=Statut.choices, default=Statut.EN_COURS)

    class Meta:
        verbose_name = "emprunt"
        # un lecteur ne peut pas emprunter deux fois le même livre en même temps
        constraints = [
            models.UniqueConstraint(
                fields=["livre", "lecteur"],
                condition=models.Q(statut="en_cours"),
                name="un_emprunt_actif_par_livre",
            )
        ]
