"""What a browser would send for a page's form, read from the HTML: each named input's value
(checked boxes and radios only), the selected option of each select, each textarea's text.
Submit buttons are left out, as a browser leaves out every button but the one pressed."""

from html import unescape
from html.parser import HTMLParser


class _Form(HTMLParser):
    def __init__(self, form_id: str):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside = form_id, False
        self.data: dict[str, str] = {}
        self.select: str | None = None
        self.first_option: str | None = None
        self.textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {name: unescape(value or "") for name, value in attrs}
        if tag == "form":
            self.inside = given.get("id") == self.form_id
        if not self.inside:
            return
        name = given.get("name")
        if tag == "input" and name and given.get("type") not in ("submit", "button", "file"):
            if given.get("type") not in ("checkbox", "radio"):
                self.data[name] = given.get("value", "")
            elif "checked" in given:
                self.data[name] = given.get("value", "on")
        elif tag == "select":
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            value = given.get("value", "")
            if self.first_option is None:
                self.first_option = value
                self.data.setdefault(self.select, value)
            if "selected" in given:
                self.data[self.select] = value
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea" and self.textarea:
            # A browser drops the one newline that may follow <textarea>.
            self.data[self.textarea] = self.data[self.textarea].removeprefix("\n")
            self.textarea = None

    def handle_data(self, data: str) -> None:
        if self.textarea:
            self.data[self.textarea] += data


def form_data(html: str, form_id: str = "case-form") -> dict[str, str]:
    parser = _Form(form_id)
    parser.feed(html)
    return parser.data
