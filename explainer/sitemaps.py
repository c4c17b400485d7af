from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Category


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.filter(published=True)

    def lastmod(self, article: Article):
        return article.updated


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.all()


class PageSitemap(Sitemap):
    def items(self) -> list[str]:
        return ["home", "glossary", "search", "calculators:index", "checks:landing"]

    def location(self, name: str) -> str:
        return reverse(name)


SITEMAPS = {"pages": PageSitemap, "categories": CategorySitemap, "articles": ArticleSitemap}
