"""Wording of the demonstration plan (owner units and indicator names, fa/en)."""

DEPUTIES = (("transport", "معاونت حمل‌ونقل و ترافیک", "Deputy for transport and traffic"),
            ("urban_planning", "معاونت شهرسازی و معماری", "Deputy for planning and architecture"),
            ("services", "معاونت خدمات شهری", "Deputy for urban services"),
            ("finance", "معاونت مالی و اقتصادی", "Deputy for finance and economy"),
            ("social", "معاونت فرهنگی و اجتماعی", "Deputy for culture and society"))
ORGANISATIONS = (("metro", "سازمان قطار شهری", "Urban railway organisation"),
                 ("parks", "سازمان پارک‌ها و فضای سبز", "Parks and green space organisation"),
                 ("waste", "سازمان مدیریت پسماند", "Waste management organisation"),
                 ("ict", "سازمان فاوا", "ICT organisation"))
DISTRICTS = 15

GOAL_WORDS = (("شهری پاک و سبز", "A clean, green city"),
              ("جابه‌جایی آسان و ایمن", "Easy, safe mobility"),
              ("اقتصاد شهری پویا", "A lively urban economy"),
              ("محله‌های زنده و برخوردار", "Lively, well-served neighbourhoods"),
              ("شهرداری شفاف و کارآمد", "A transparent, effective municipality"))

MEASURES = (("سهم سفرهای حمل‌ونقل عمومی", "Share of public transport trips", "%", "higher"),
            ("روزهای هوای ناسالم", "Unhealthy air days", "day", "lower"),
            ("سرانهٔ فضای سبز", "Green space per person", "m²", "higher"),
            ("تلفات تصادفات", "Traffic deaths", "person", "lower"),
            ("پسماند بازیافت‌شده", "Waste recycled", "%", "higher"),
            ("رضایت شهروندان", "Citizens' satisfaction", "%", "higher"),
            ("طول پیاده‌راه", "Pedestrian streets", "km", "higher"),
            ("خدمات الکترونیک", "Services online", "count", "higher"),
            ("زمان پاسخ به درخواست", "Time to answer a request", "day", "lower"),
            ("درآمد پایدار", "Sustainable revenue", "%", "higher"))
