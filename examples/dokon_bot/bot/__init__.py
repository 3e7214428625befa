"""Do'kon boti: katalog, savat va buyurtmalar."""
