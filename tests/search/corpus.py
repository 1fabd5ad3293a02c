"""Demo-like content for the search tests: the centre's kinds of items in three languages, plus synthetic
noise items that share the common words ("workshop", "ورشة", "rûniştin") so ranking has to work.

``build(site_tree)`` returns the pages by key; ``relevance.json`` names items by these keys.
"""

import datetime

from news.factories import (
    DialogueSessionPageFactory,
    NewsPageFactory,
    OrganisationFactory,
    PersonFactory,
    PlaceFactory,
    ProjectFactory,
    StatementPageFactory,
    TopicFactory,
    paragraph,
)
from news.taxonomy import Place
from search import indexer

SYNTHETIC = 40


def _names(ar, ku, en):
    return {"name_ar": ar, "name_ku": ku, "name_en": en}


def _texts(field, ar=None, ku=None, en=None):
    values = {}
    for code, value in (("ar", ar), ("ku", ku), ("en", en)):
        if value is not None:
            values[f"{field}_{code}"] = paragraph(value) if field == "body" else value
    return values


def taxonomy():
    deir = PlaceFactory(slug="deir-ezzor", kind=Place.GOVERNORATE, **_names("دير الزور", "Dêrazor", "Deir Ezzor"))
    raqqa = PlaceFactory(slug="raqqa", kind=Place.GOVERNORATE, **_names("الرقة", "Reqa", "Raqqa"))
    hasakah = PlaceFactory(slug="hasakah", kind=Place.GOVERNORATE, **_names("الحسكة", "Hesekê", "Hasakah"))
    return {
        "deir": deir,
        "raqqa": raqqa,
        "hasakah": hasakah,
        "hajin": PlaceFactory(slug="hajin", parent=deir, **_names("هجين", "Hecîn", "Hajin")),
        "kasra": PlaceFactory(slug="al-kasra", parent=deir, **_names("الكسرة", "Kesra", "Al-Kasra")),
        "tabqa": PlaceFactory(slug="tabqa", parent=raqqa, **_names("الطبقة", "Tebqa", "Tabqa")),
        "qamishli": PlaceFactory(slug="qamishli", parent=hasakah, **_names("القامشلي", "Qamişlo", "Qamishli")),
        "amouda": PlaceFactory(slug="amouda", parent=hasakah, **_names("عامودا", "Amûdê", "Amouda")),
        "rights": TopicFactory(slug="human-rights", **_names("حقوق الإنسان", "Mafên mirovan", "Human rights")),
        "idps": TopicFactory(slug="idps", **_names("النازحون داخلياً", "Koçberên navxweyî", "Internally displaced")),
        "safety": TopicFactory(
            slug="social-safety",
            **_names("الأمان النفسي والاجتماعي", "Ewlehiya derûnî û civakî", "Psychological and social safety"),
        ),
        "women": TopicFactory(slug="women", **_names("مشاركة المرأة", "Beşdariya jinan", "Women's participation")),
        "sna": OrganisationFactory(
            slug="syrian-network-association",
            **_names("جمعية الشبكة السورية", "Komeleya Tora Sûrî", "Syrian Network Association"),
        ),
        "npa": OrganisationFactory(
            slug="npa",
            acronym="NPA",
            **_names("المساعدات الشعبية النرويجية", "Alîkariya Gelê Norwecî", "Norwegian People's Aid"),
        ),
        "layla": PersonFactory(slug="layla-mohammed", **_names("ليلى محمد", "Leyla Mihemed", "Layla Mohammed")),
        "ahmad": PersonFactory(slug="ahmad-al-hassan", **_names("أحمد الحسن", "Ehmed El-Hesen", "Ahmad Al-Hassan")),
        "civic": ProjectFactory(
            slug="civic-space", **_names("مشروع الفضاء المدني", "Projeya Qada Sivîl", "Civic Space Project")
        ),
    }


def build(site_tree):
    """Create everything with automatic indexing paused, then index once (as a bulk import would)."""
    with indexer.paused():
        items = _create(site_tree)
    indexer.rebuild()
    return items


def _create(site_tree):
    t = taxonomy()
    news, statements, sessions = site_tree["news"], site_tree["statements"], site_tree["sessions"]
    items = {}

    def make(key, factory, parent, *, places=(), topics=(), partners=(), facilitators=(), funders=(), **fields):
        page = factory(parent=parent, **fields)
        page.places.set([t[name] for name in places])
        page.topics.set([t[name] for name in topics])
        page.partners.set([t[name] for name in partners])
        if facilitators:
            page.facilitators.set([t[name] for name in facilitators])
        if funders:
            page.funders.set([t[name] for name in funders])
        page.save()
        items[key] = page
        return page

    def trilingual(field, ar, ku, en):
        return _texts(field, ar, ku, en)

    make(
        "news_hajin",
        NewsPageFactory,
        news,
        places=["hajin"],
        **trilingual(
            "title",
            "ورشة عمل حول المناصرة في بلدة هجين",
            "Kargeha li ser parêzvaniyê li bajarokê Hecînê",
            "Advocacy workshop in the town of Hajin",
        ),
        **trilingual(
            "summary",
            "شارك عشرون متدرباً من هجين في ورشة عمل استمرت ثلاثة أيام.",
            "Bîst perwerdekar ji Hecînê beşdarî kargeheke sê rojan bûn.",
            "Twenty trainees from Hajin took part in a three-day workshop.",
        ),
        **trilingual(
            "body",
            "تناولت الورشة أساليب المناصرة والتواصل مع المجالس المحلية.",
            "Kargehê rêbazên parêzvaniyê û têkiliya bi meclîsên herêmî re nîqaş kir.",
            "The workshop covered advocacy methods and dialogue with local councils.",
        ),
    )
    make(
        "news_kasra",
        NewsPageFactory,
        news,
        places=["kasra"],
        **trilingual(
            "title",
            "ورشة تدريبية للشباب في الكسرة",
            "Kargeha perwerdehiyê ji bo ciwanan li Kesrayê",
            "Training workshop for young people in Al-Kasra",
        ),
        **trilingual(
            "summary",
            "اختتمت في بلدة الكسرة ورشة تدريبية حول المشاركة المدنية.",
            "Li bajarokê Kesra kargeheke perwerdehiyê li ser beşdariya sivîl bi dawî bû.",
            "A training workshop on civic participation ended in the town of Al-Kasra.",
        ),
    )
    make(
        "session_idps",
        DialogueSessionPageFactory,
        sessions,
        places=["hasakah"],
        topics=["rights", "idps"],
        facilitators=["layla"],
        **trilingual(
            "title",
            "جلسة حوارية حول حقوق الإنسان للنازحين داخلياً",
            "Rûniştina diyalogê li ser mafên mirovan ên koçberên navxweyî",
            "Dialogue session on the human rights of internally displaced persons (IDPs)",
        ),
        **trilingual(
            "summary",
            "ناقش المشاركون حقوق النازحين في المخيمات والوصول إلى الوثائق الرسمية.",
            "Beşdaran mafên koçberan di kampan de û gihîştina belgeyên fermî nîqaş kirin.",
            "Participants discussed the rights of IDPs in camps and access to civil documents.",
        ),
    )
    make(
        "session_safety",
        DialogueSessionPageFactory,
        sessions,
        places=["qamishli"],
        topics=["safety"],
        **trilingual(
            "title",
            "جلسة حوارية عن الأمان النفسي والاجتماعي",
            "Rûniştina diyalogê li ser ewlehiya derûnî û civakî",
            "Dialogue session on psychological and social safety",
        ),
        **trilingual(
            "summary",
            "جلسة في القامشلي عن الدعم النفسي للأطفال والنساء.",
            "Rûniştinek li Qamişlo li ser piştgiriya derûnî ya zarok û jinan.",
            "A session in Qamishli on psychological support for children and women.",
        ),
    )
    make(
        "statement_sna",
        StatementPageFactory,
        statements,
        partners=["sna"],
        **trilingual(
            "title",
            "بيان بخصوص جمعية الشبكة السورية",
            "Daxuyanî derbarê Komeleya Tora Sûrî",
            "Statement on the Syrian Network Association",
        ),
        **trilingual(
            "summary",
            "يوضح المركز علاقته بجمعية الشبكة السورية.",
            "Navend têkiliya xwe bi Komeleya Tora Sûrî re ron dike.",
            "The centre clarifies its relation with the Syrian Network Association.",
        ),
    )
    make(
        "news_women_tabqa",
        NewsPageFactory,
        news,
        places=["tabqa"],
        topics=["women"],
        **trilingual(
            "title",
            "مشاركة المرأة في المجالس المحلية بالطبقة",
            "Beşdariya jinan di meclîsên herêmî yên Tebqayê de",
            "Women's participation in local councils in Tabqa",
        ),
    )
    make(
        "news_school",
        NewsPageFactory,
        news,
        places=["amouda"],
        **trilingual(
            "title", "إعادة افتتاح المدرسة في عامودا", "Dibistan li Amûdê ji nû ve vebû", "School reopens in Amouda"
        ),
        **trilingual(
            "summary",
            "والمدرسة تستقبل مئتي طالب هذا العام.",
            "Dibistan îsal dused xwendekaran qebûl dike.",
            "The school welcomes two hundred pupils this year.",
        ),
    )
    make(
        "statement_elections",
        StatementPageFactory,
        statements,
        **_texts("title", "بيان حول الانتخابات المحلية", en="Statement on local elections"),
        **_texts(
            "summary", "يدعو المركز إلى انتخابات محلية شفافة.", en="The centre calls for transparent local elections."
        ),
    )
    make(
        "report_water",
        NewsPageFactory,
        news,
        places=["deir"],
        **_texts("title", "تقرير عن أزمة المياه في ريف دير الزور"),
        **_texts("summary", "انقطاع مياه الشرب عن القرى منذ شهرين."),
    )
    make(
        "session_governance",
        DialogueSessionPageFactory,
        sessions,
        places=["raqqa"],
        facilitators=["ahmad"],
        funders=["npa"],
        project=t["civic"],
        **trilingual(
            "title",
            "جلسة حوارية حول الحوكمة المحلية في الرقة",
            "Rûniştina diyalogê li ser rêveberiya herêmî li Reqayê",
            "Dialogue session on local governance in Raqqa",
        ),
    )
    make(
        "news_journalists",
        NewsPageFactory,
        news,
        **trilingual(
            "title",
            "تدريب الصحفيين على التحقق من الأخبار",
            "Perwerdehiya rojnamevanan li ser piştrastkirina nûçeyan",
            "Training journalists in fact-checking",
        ),
    )
    make(
        "news_digits",
        NewsPageFactory,
        news,
        **trilingual(
            "title",
            "٣٠ مشاركاً في مؤتمر الشباب ٢٠٢٤",
            "30 beşdar di konferansa ciwanan a 2024an de",
            "30 participants at the 2024 youth conference",
        ),
    )
    make(
        "news_civil_society",
        NewsPageFactory,
        news,
        places=["qamishli"],
        **trilingual(
            "title",
            "مُنتَدى المُجتَمَع المَدَني في القامشلي",
            "Forûma civaka sivîl li Qamişlo",
            "Civil society forum in Qamishli",
        ),
    )
    make(
        "statement_npa",
        StatementPageFactory,
        statements,
        partners=["npa"],
        **trilingual(
            "title",
            "بيان مشترك مع المساعدات الشعبية النرويجية",
            "Daxuyaniya hevbeş bi Alîkariya Gelê Norwecî re",
            "Joint statement with Norwegian People's Aid",
        ),
    )
    make(
        "news_football",
        NewsPageFactory,
        news,
        **_texts("title", ku="Tûrnûvaya futbolê ya ciwanan", en="Youth football tournament"),
        title_ar="",
        summary_ar="",
        body_ar=[],
    )
    for n in range(SYNTHETIC):
        make(
            f"synthetic_{n}",
            [NewsPageFactory, DialogueSessionPageFactory][n % 2],
            [news, sessions][n % 2],
            **trilingual(
                "title",
                f"تحديث أسبوعي رقم {n}: جدول الأنشطة والاجتماعات",
                f"Nûçeya heftane {n}: bernameya çalakî û civînan",
                f"Weekly update {n}: schedule of activities and meetings",
            ),
            **trilingual(
                "body",
                f"تضمن الأسبوع {n} ورشة عمل وجلسة حوارية ولقاءات مع المجالس المحلية والمدرسة.",
                f"Di hefteya {n} de kargehek, rûniştineke diyalogê û civînên bi meclîsên herêmî re hebûn.",
                f"Week {n} included a workshop, a dialogue session and meetings with local councils and the school.",
            ),
            date=datetime.date(2023, 1, 1) + datetime.timedelta(days=n),
        )
    return items
