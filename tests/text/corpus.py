"""Hard strings for the text pipeline: typed text, what is stored, and its direction.

Every entry is (typed, stored) where stored is None when the documented cleaning keeps the
text exactly as typed (docs/persian-text.md). Titles are single-line and at most 140 chars.
"""

from __future__ import annotations

LONG_WORD = "ب" * 60  # a 60-letter word with no break opportunity at all

CORPUS: list[tuple[str, str | None]] = [
    # Persian, digits of both kinds, decimals and percent
    ("آیندهٔ اصفهان ۱۴۱۰", None),
    ("آیندهٔ اصفهان 1410", None),
    ("میانگین نمره ۳٫۸۹ از ۵", None),
    ("میانگین نمره 3.89 از 5", None),
    ("کاهش آلودگی هوا تا ۲۰٪", None),
    ("کاهش آلودگی هوا تا 20%", None),
    ("رشد -3.5% در سال ۱۴۰۴", None),
    ("تغییر +12% نسبت به پارسال", None),
    ("دمای هوا −۴ درجه بود", None),
    ("بودجه ۱٬۲۵۰٬۰۰۰ ریال", None),
    ("بودجه 1,250,000 ریال برای ۳ محله", None),
    ("١٢ ایستگاه دوچرخه (ارقام عربی)", None),
    ("12 ایستگاه دوچرخه", None),
    # phone numbers, dates, URLs, emails, codes
    ("تلفن شهرداری: 031-32221100", None),
    ("تماس با ۰۳۱-۳۲۲۲۱۱۰۰ پیش از ظهر", None),
    ("شمارهٔ همراه +98 913 123 4567 است", None),
    ("جلسهٔ بعد 1405-09-10 برگزار می‌شود", None),
    ("جلسهٔ بعد ۱۴۰۵/۰۹/۱۰ برگزار می‌شود", None),
    ("منبع: https://isfahan.ir/news/1405/08/traffic?id=42", None),
    ("نشانی www.example.org/a-b را ببینید", None),
    ("ایمیل: planning@isfahan.ir یا info@example.com", None),
    ("کد طرح TR-2024-07 تصویب شد", None),
    ("نسخهٔ v2.3 نرم‌افزار", None),
    # mixed: Latin first, Persian first, brackets and guillemets at the ends
    ("API باز برای Google Maps در شهر اصفهان و حومه", None),
    ("Metro Line 2 باید تا میدان امام ادامه یابد", None),
    ("توسعهٔ خط ۲ مترو (Metro Line 2)", None),
    ("(Phase 2) اصفهان", None),
    ("«پیاده‌راه چهارباغ»", None),
    ("طرح «Green Belt» برای حاشیهٔ شهر", None),
    ("Bike lanes on Chaharbagh (فاز ۲)", None),
    ("The «Naqsh-e Jahan» square needs shade", None),
    ("Ali Rezaei: more buses on route 91", None),
    ("سارا محمدی: «اتوبوس بیشتر»", None),
    ("چرا؟ (واقعاً چرا)", None),
    ("[نسخهٔ اول] {پیش‌نویس}", None),
    ("3 دلیل برای Bus Rapid Transit", None),
    ("Isfahan 2040: آیندهٔ شهر", None),
    # ZWNJ, ي/ك, harakat, tatweel, presentation forms, bidi controls
    ("می‌شود، نمی‌شود و هم‌اندیشی", None),
    ("ايجاد پارك محله‌اي با ي و ك عربی", None),
    ("پارکِ مَحَلّه‌ای تقریباً کامل است", None),
    ("جلسهٔ شورای شهر", None),
    ("ایجـــاد پارک محلـه", "ایجاد پارک محله"),
    ("ﺍﯾﺠﺎﺩ ﭘﺎﺭﮎ", None),
    ("\u202eایجاد پارک\u202c محله", "ایجاد پارک محله"),
    ("\u200fنشانی\u200e: \u2066A-12\u2069", "نشانی: A-12"),
    ("می\u200c\u200cشود  و   آن", "می\u200cشود و آن"),
    ("\u200cکتاب\u200c", "کتاب"),
    ("لا إله و الله", None),
    # long words and breaks
    (LONG_WORD, None),
    ("کلمهٔ‌بسیار‌بسیار‌بسیار‌بسیار‌بسیار‌بسیار‌بسیار‌بسیار‌بسیار‌طولانی‌با‌فاصلهٔ‌مجازی", None),
    ("Super-long-hyphenated-word-that-never-ends-in-the-narrow-table-cell-of-minutes", None),
    ("https://example.org/a/very/long/path/that/keeps/going/and/going/without/spaces", None),
    # emoji
    ("پارک بیشتر 🌳🌳 برای بچه‌ها", None),
    ("دوچرخه 🚲 و پیاده 👍🏽", None),
    ("Dr. Ngozi 👩🏽\u200d🔬 در جلسه", None),
    ("❤️ اصفهان", None),
    # markup-like and odd punctuation
    ("<b>پررنگ</b> و <i>کج</i>", None),
    ('<img src="/etc/hostname"> تصویر', None),
    ("a < b && c > d در فرمول", None),
    ("«نقل‌قول» در آغاز و پایان «نقل‌قول»", None),
    ("...سه نقطه در آغاز", None),
    ("پایان با نقطه.", None),
    ("English only, with a full stop.", None),
    ("ALL CAPS SHOUTING 2026", None),
    ("۱۲۳۴۵۶۷۸۹۰", None),
    ("1234567890", None),
    ("عدد منفی -42 و مثبت +7", None),
    ("نسبت ۳/۴ و ساعت ۱۳:۳۰", None),
    ("ساعت 13:30 تا 15:00", None),
]

MULTILINE: list[tuple[str, str | None]] = [
    ("خط اول با عدد 12\nLine two in English 34\nخط سوم: 031-32221100", None),
    ("۳٫۸۹\nAPI باز برای Google Maps در اصفهان", None),
]


def stored(entry: tuple[str, str | None]) -> str:
    """What the documented cleaning keeps of a typed string."""
    typed, clean = entry
    return typed if clean is None else clean
