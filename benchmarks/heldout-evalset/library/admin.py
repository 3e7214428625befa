from django.contrib import admin, messages
from django.utils import timezone

from library.models import Auteur, Emprunt, Livre


@admin.register(Auteur)
class AuteurAdmin(admin.ModelAdmin):
    search_fields = ["nom", "prenom"]


class EmpruntInline(admin.TabularInline):
    model = Emprunt
    extra = 0  # no empty rows
    readonly_fields = ["date_emprunt"]


@admin.register(Livre)
class LivreAdmin(admin.ModelAdmin):
    list_display = ["titre", "isbn", "annee"]
    list_filter = ["langue"]
    inlines = [EmpruntInline]


@admin.register(Emprunt)
class EmpruntAdmin(admin.ModelAdmin):
    list_display = ["livre", "lecteur", "date_retour_prevue", "statut", "kechikkan_kunlar"]
    list_filter = ["statut"]
    actions = ["qaytarildi_deb_belgilash", "eslatma_yuborish"]

    @admin.display(description="Kechikkan kunlar")
    def kechikkan_kunlar(self, obj):
        farq = (timezone.localdate() - obj.date_retour_prevue).days
        return max(farq, 0)

    @admin.action(description="Tanlanganlarni qaytarilgan deb belgilash")
    def qaytarildi_deb_belgilash(self, request, queryset):
        soni = queryset.update(statut=Emprunt.Statut.RENDU)
        self.message_user(request, f"{soni} ta kitob qaytarildi.", messages.SUCCESS)

    @admin.action(description="Qarzdorlarga eslatma yuborish")
    def eslatma_yuborish(self, request, queryset):
        # hozircha faqat log ga yozamiz, SMS keyingi sprintda
        for emprunt in queryset.filter(statut=Emprunt.Statut.EN_RETARD):
            self.log_change(request, emprunt, "reminder queued")
        self.message_user(request, "Eslatmalar navbatga qoʻyildi.")
