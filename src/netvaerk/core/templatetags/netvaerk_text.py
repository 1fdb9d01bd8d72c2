"""Text written by users, shown safely."""

import markdown as markdown_lib
import nh3
from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()

# What rules of procedure and proposals need: structure, emphasis, links. No images (they
# would load from anywhere), no raw HTML, no attributes beyond a link's address.
ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "b", "i",
    "blockquote", "code", "pre", "hr", "a", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip


@register.filter
def markdown(text: str | None) -> SafeString:
    """Markdown to HTML, then cleaned to an allow-list: what users write never runs."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists", "tables"])
    # Headings inside a page start at level 3, below the page's own h1 and h2.
    for level in range(6, 0, -1):
        shifted = min(level + 2, 6)
        html = html.replace(f"<h{level}>", f"<h{shifted}>").replace(
            f"</h{level}>", f"</h{shifted}>"
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 to the allow-list above
