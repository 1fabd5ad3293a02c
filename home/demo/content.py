"""The demo content: the items of the centre's current site, written in Arabic, Kurmanji and English.

Data only; ``home/management/commands/seed_demo.py`` loads it. One dialogue session has no Kurmanji version
and one news item is in Arabic only, so translators and the API's fallback have something to show.
"""

SITE = {
    "organisation_name": {
        "ar": "مركز آسو للاستشارات والدراسات الاستراتيجية",
        "ku": "Navenda ASO ya Şêwirmendî û Lêkolînên Stratejîk",
        "en": "ASO Center for Consultancy and Strategic Studies",
    },
    "tagline": {
        "ar": "نعمل من أجل مجتمع مدني فاعل وحوار مجتمعي في شمال وشرق سوريا",
        "ku": "Ji bo civakeke sivîl a çalak û diyaloga civakî li Bakur û Rojhilatê Sûriyê",
        "en": "For an active civil society and community dialogue in North and East Syria",
    },
    "address": {
        "ar": "عامودا، محافظة الحسكة، شمال وشرق سوريا",
        "ku": "Amûdê, Parêzgeha Hesekê, Bakur û Rojhilatê Sûriyê",
        "en": "Amouda, Hasakah governorate, North and East Syria",
    },
    "phone": "+964 751 441 3372",
    "email": "info@aso-center.example",
    "social": [("facebook", "https://www.facebook.com/aso.center"), ("youtube", "https://www.youtube.com/@asocenter")],
}

HOME_INTRO = {
    "ar": "أخبار ورشات العمل والجلسات الحوارية والبيانات الرسمية لمركز آسو.",
    "ku": "Nûçeyên atolye, rûniştinên diyalogê û daxuyaniyên fermî yên Navenda ASO.",
    "en": "News of ASO Center's workshops, dialogue sessions and official statements.",
}

TOPICS = {
    "community-mobilisation": {
        "ar": "التحشيد المجتمعي والمناصرة",
        "ku": "Seferberkirina civakî û parêzvanî",
        "en": "Community mobilisation and advocacy",
    },
    "human-rights": {"ar": "حقوق الإنسان", "ku": "Mafên mirovan", "en": "Human rights"},
    "displaced-people": {"ar": "النازحون والعائدون", "ku": "Koçber û vegerok", "en": "Displaced people and returnees"},
    "social-safety": {
        "ar": "الأمان النفسي والاجتماعي",
        "ku": "Ewlehiya derûnî û civakî",
        "en": "Psychological and social safety",
    },
    "civil-society": {"ar": "المجتمع المدني", "ku": "Civaka sivîl", "en": "Civil society"},
}

# slug: (kind, parent slug, names)
PLACES = {
    "north-east-syria": (
        "region",
        None,
        {"ar": "شمال وشرق سوريا", "ku": "Bakur û Rojhilatê Sûriyê", "en": "North and East Syria"},
    ),
    "deir-ezzor": ("governorate", "north-east-syria", {"ar": "دير الزور", "ku": "Dêra Zorê", "en": "Deir Ezzor"}),
    "hasakah": ("governorate", "north-east-syria", {"ar": "الحسكة", "ku": "Hesekê", "en": "Hasakah"}),
    "raqqa": ("governorate", "north-east-syria", {"ar": "الرقة", "ku": "Reqa", "en": "Raqqa"}),
    "hajin": ("town", "deir-ezzor", {"ar": "هجين", "ku": "Hecîn", "en": "Hajin"}),
    "al-kasra": ("town", "deir-ezzor", {"ar": "الكسرة", "ku": "Kesre", "en": "Al-Kasra"}),
    "amouda": ("town", "hasakah", {"ar": "عامودا", "ku": "Amûdê", "en": "Amouda"}),
    "qamishli": ("town", "hasakah", {"ar": "القامشلي", "ku": "Qamişlo", "en": "Qamishli"}),
    "raqqa-city": ("town", "raqqa", {"ar": "مدينة الرقة", "ku": "Bajarê Reqayê", "en": "Raqqa city"}),
}

ORGANISATIONS = {
    "aso-center": (
        "partner",
        "ASO",
        {
            "ar": "مركز آسو للاستشارات والدراسات الاستراتيجية",
            "ku": "Navenda ASO ya Şêwirmendî û Lêkolînên Stratejîk",
            "en": "ASO Center for Consultancy and Strategic Studies",
        },
    ),
    "nes-ngo-platform": (
        "platform",
        "",
        {
            "ar": "منصة المنظمات غير الحكومية في شمال وشرق سوريا",
            "ku": "Platforma Rêxistinên Ne-Hikûmî ya Bakur û Rojhilatê Sûriyê",
            "en": "NES NGO Platform",
        },
    ),
    "npa": (
        "funder",
        "NPA",
        {"ar": "المساعدات الشعبية النرويجية", "ku": "Alîkariya Gelê Norwêcî", "en": "Norwegian People's Aid"},
    ),
    "syrian-network-association": (
        "other",
        "",
        {"ar": "جمعية الشبكة السورية", "ku": "Komeleya Tora Sûrî", "en": "Syrian Network Association"},
    ),
}

PROJECTS = {
    "participatory-democracy": (
        3,
        "npa",
        {
            "ar": "تعزيز الديمقراطية التشاركية في شمال شرق سوريا",
            "ku": "Xurtkirina Demokrasiya Beşdarî li Bakurê Rojhilatê Sûriyê",
            "en": "Enhancing Participatory Democracy in Northeastern Syria",
        },
    ),
}

PEOPLE = {
    "ali-iskan": (
        {"ar": "علي إسكان", "ku": "Elî Îskan", "en": "Ali Iskan"},
        {"ar": "مدرب", "ku": "Rahêner", "en": "Trainer"},
    ),
    "abdullah-obied": (
        {"ar": "عبد الله عبيد", "ku": "Ebdullah Ubeyd", "en": "Abdullah Obied"},
        {"ar": "مدرب", "ku": "Rahêner", "en": "Trainer"},
    ),
    "imad-ahmi": (
        {"ar": "عماد أحمي", "ku": "Imad Ehmî", "en": "Imad Ahmi"},
        {"ar": "مدير المشروع", "ku": "Rêveberê projeyê", "en": "Project manager"},
    ),
}


def p(text):
    return {"type": "paragraph", "value": f"<p>{text}</p>"}


def h(text):
    return {"type": "heading", "value": text}


def quote(text, attribution):
    return {"type": "quote", "value": {"text": text, "attribution": attribution}}


def figures(*pairs):
    return {"type": "key_figures", "value": [{"figure": f, "label": label} for f, label in pairs]}


WORKSHOPS = {
    "type": "news",
    "slug": "workshops-community-mobilisation-deir-ezzor",
    "date": "2021-03-14",
    "image": ("workshop", "#1d6f5f"),
    "dateline": "amouda",
    "topics": ["community-mobilisation", "civil-society"],
    "places": ["hajin", "al-kasra"],
    "project": "participatory-democracy",
    "partners": ["nes-ngo-platform"],
    "title": {
        "ar": "مركز آسو يختتم ورشتين حول «التحشيد المجتمعي وأساليب المناصرة» في محافظة دير الزور",
        "ku": "Navenda ASO du atolyeyên li ser «Seferberkirina civakî û rêbazên parêzvaniyê» li Parêzgeha Dêra Zorê bi dawî kirin",
        "en": "ASO Center Concludes 2 Workshops on \u201cCommunity Mobilization and Advocacy Methods\u201d in Deir Ezzor Governorate",
    },
    "summary": {
        "ar": "نظّم مركز آسو للاستشارات والدراسات الاستراتيجية ورشتي عمل حول التحشيد المجتمعي وأساليب المناصرة في مدينتي هجين والكسرة بريف محافظة دير الزور.",
        "ku": "Navenda ASO ya Şêwirmendî û Lêkolînên Stratejîk li bajarên Hecîn û Kesreyê yên gundewarê Dêra Zorê du atolye li ser seferberkirina civakî û rêbazên parêzvaniyê li dar xistin.",
        "en": "ASO for Consultancy and Strategic Studies organized 2 workshops on community mobilization and advocacy methods in the cities of Hajin and Al-Kasra, in the countryside of Deir Ezzor governorate.",
    },
    "body": {
        "ar": [
            p(
                "نظّم مركز آسو الورشتين لأعضاء منصة المنظمات غير الحكومية في شمال وشرق سوريا المتواجدين في ريف محافظة دير الزور."
            ),
            p(
                "استمرت الورشتان ثلاثة أيام، وتأتيان ضمن مشروع «تعزيز الديمقراطية التشاركية في شمال شرق سوريا» في مرحلته الثالثة، بدعم من منظمة المساعدات الشعبية النرويجية (NPA)."
            ),
            figures(("23", "متدرباً ومتدربة"), ("3", "أيام تدريب"), ("2", "مدينتان")),
            p(
                "شارك في التدريب 23 متدرباً ومتدربة من ممثلي المنظمات الأعضاء في المنصة، من فئات عمرية مختلفة، بينهم 8 متدربين من بلدة الكسرة و15 من بلدة هجين."
            ),
            p(
                "أشرف المدرب علي إسكان على الجلسة التدريبية في بلدة الكسرة، فيما أشرف المدرب عبد الله عبيد على الورشة في بلدة هجين."
            ),
            h("اختيار موضوع التدريب"),
            p(
                "أجرى فريق العمل استبياناً لتقييم الاحتياجات التدريبية لمنظمات المجتمع المدني الأعضاء في المنصة، وعلى أساسه اختير موضوع التحشيد المجتمعي وأساليب المناصرة، بحسب عماد أحمي، مدير مشروع «تعزيز الديمقراطية التشاركية في شمال شرق سوريا»."
            ),
            quote(
                "تهدف هذه الورشات المتتالية إلى دعم قدرات المنظمات الأعضاء في المنصة وتطويرها بشكل كامل، ووضع استراتيجية لعملها في مجال التحشيد المجتمعي وأساليب المناصرة، إضافة إلى تشجيع الحوار والتشبيك وبناء السلام وتعزيز الفاعلية فيما بينها.",
                "عماد أحمي، مدير المشروع",
            ),
            h("محاور التدريب"),
            p(
                "ناقش التدريب أساليب واستراتيجيات التحشيد المجتمعي وكسب التأييد، وقدّم المدربان مجموعة من الخبرات والكفاءات وإجراءات الإدارة الأساسية والعمل التنموي والمناصرة والحملات ومهامها، التي تُعدّ جزءاً حيوياً من خطط المناصرة."
            ),
            p(
                "كما قدّم المدربان معلومات حول بناء الشبكات والتحالفات وكسب التأييد والجمهور، باستخدام تقنيات تواصل فعّالة متعددة ومجموعة من الحملات الإعلامية ووسائل التواصل الاجتماعي، مع التركيز على وضع استراتيجية إعلامية مستدامة."
            ),
            p(
                "وناقش المدربان مع المشاركين كيفية جلب التمويل وأساسياته، وكيفية القيام بالإدارة الأولية للمشاريع، ووضع خطط استراتيجية للحملات وكسب التأييد."
            ),
            p(
                "يُذكر أن هدف هذه الورشات التدريبية هو بناء قدرات المتدربين وتحسين خبراتهم السابقة في مجال التحشيد المجتمعي والمناصرة، لا سيما أن غالبية المنظمات المستهدفة منظمات ناشئة تواجه تحديات عديدة في مختلف جوانب العمل المدني."
            ),
        ],
        "ku": [
            p(
                "Navenda ASO ev her du atolye ji bo endamên Platforma Rêxistinên Ne-Hikûmî ya Bakur û Rojhilatê Sûriyê yên li gundewarê Dêra Zorê li dar xistin."
            ),
            p(
                "Atolye sê rojan dom kirin û beşek ji projeya «Xurtkirina Demokrasiya Beşdarî li Bakurê Rojhilatê Sûriyê» ne, di qonaxa wê ya sêyem de, bi piştgiriya Alîkariya Gelê Norwêcî (NPA)."
            ),
            figures(("23", "beşdar"), ("3", "rojên perwerdeyê"), ("2", "bajar")),
            p(
                "23 perwerdekar ji nûnerên rêxistinên endamên platformê, ji temenên cuda, jin û mêr, beşdarî perwerdeyê bûn: 8 ji Kesreyê û 15 ji Hecînê."
            ),
            p("Rahêner Elî Îskan perwerdeya li Kesreyê bi rê ve bir, rahêner Ebdullah Ubeyd jî atolyeya li Hecînê."),
            h("Hilbijartina mijarê"),
            p(
                "Li gorî Imad Ehmî, rêveberê projeyê, koma xebatê anketek ji bo nirxandina pêdiviyên perwerdeyê yên rêxistinên civaka sivîl ên endamên platformê pêk anî, û li ser bingeha wê mijara seferberkirina civakî û rêbazên parêzvaniyê hat hilbijartin."
            ),
            quote(
                "Armanca van atolyeyên li pey hev ew e ku kapasîteyên rêxistinên endamên platformê bi temamî werin piştgirîkirin û pêşxistin, stratejiyek ji bo xebata wan di warê seferberkirina civakî û parêzvaniyê de were danîn, û diyalog, torgirêdan, avakirina aştiyê û bandorbûn di navbera wan de werin teşwîqkirin.",
                "Imad Ehmî, rêveberê projeyê",
            ),
            h("Mijarên perwerdeyê"),
            p(
                "Perwerdeyê rêbaz û stratejiyên seferberkirina civakî û lobiyê nîqaş kirin. Rahêneran ezmûn, şiyan û pîvanên bingehîn ên rêveberiyê, karê pêşketinê, parêzvanî, kampanya û erkên wan pêşkêş kirin."
            ),
            p(
                "Her du rahêneran agahî li ser avakirina tor û hevpeymaniyan, bidestxistina piştgirî û temaşevanan, bi teknîkên ragihandinê yên bi bandor û medyaya civakî dan, bi giranî li ser stratejiyeke medyayê ya domdar."
            ),
            p(
                "Armanca van atolyeyan avakirina kapasîteya beşdaran e, nemaze ku piraniya rêxistinên armanckirî rêxistinên nû ne ku di gelek aliyên karê sivîl de bi zehmetiyan re rû bi rû ne."
            ),
        ],
        "en": [
            p(
                "ASO Center organized both workshops for the NES NGO Platform members present in the countryside of Deir Ezzor governorate in Northeastern Syria."
            ),
            p(
                "These two workshops, which lasted 3 days, are part of the project \u201cEnhancing Participatory Democracy in Northeastern Syria\u201d in its third phase, supported by Norwegian People's Aid (NPA)."
            ),
            figures(("23", "trainees"), ("3", "days of training"), ("2", "towns")),
            p(
                "23 trainees from the NES NGO Platform representatives, from different age groups, women and men, took part in the training, including 8 trainees from Al-Kasra town and 15 from Hajin town."
            ),
            p(
                "The training session in Al-Kasra town was supervised by the trainer Ali Iskan, while the trainer Abdullah Obied supervised the training workshop in Hajin town."
            ),
            h("How the subject was chosen"),
            p(
                "The working group conducted a questionnaire to assess the training needs of the CSOs that are members of the NES NGO Platform, and on that basis community mobilization and advocacy methods were chosen as the subject of the training, according to Imad Ahmi, manager of the project \u201cEnhancing Participatory Democracy in Northeastern Syria\u201d."
            ),
            quote(
                "Such successive workshops aim to fully support and develop the capacities of the platform's member organizations and to develop a strategy for their work in community mobilization and advocacy, and to encourage dialogue, networking, peace-building and effectiveness among them.",
                "Imad Ahmi, project manager",
            ),
            h("What the training covered"),
            p(
                "The training discussed methods and strategies of community mobilization and lobbying. The trainers presented a range of experiences, competencies and basic management measures, development work, advocacy, campaigns and their missions, which are a vital part of advocacy plans."
            ),
            p(
                "Both trainers explained how to build networks and alliances and gain support and an audience, using effective communication techniques, media campaigns and social media, with a focus on setting up a sustainable media strategy."
            ),
            p(
                "The trainers also discussed fundraising basics with the participants, preliminary project management, and how to develop strategic plans for campaigns and lobbying."
            ),
            p(
                "The objective of these training workshops is to build the capacity of the trainees and improve their previous experience in community mobilization and advocacy, especially as most of the targeted organizations are emerging organizations facing numerous challenges in civil work."
            ),
        ],
    },
}

STATEMENT = {
    "type": "statement",
    "slug": "clarification-syrian-network-association",
    "date": "2020-05-20",
    "statement_date": "2020-05-20",
    "kind": "clarification",
    "dateline": "amouda",
    "topics": ["civil-society"],
    "places": [],
    "partners": ["syrian-network-association"],
    "title": {
        "ar": "توضيح من مركز آسو بشأن عدم التوافق مع مخرجات اجتماعات جمعية الشبكة السورية",
        "ku": "Ronkirinek ji Navenda ASO derbarê nelihevhatina bi encamên civînên Komeleya Tora Sûrî",
        "en": "Clarification from ASO Center Regarding Incompatibility with the Outcomes of the Syrian Network Association Meetings",
    },
    "summary": {
        "ar": "في 18 أيار 2020 وجّهت جمعية الشبكة السورية دعوة رسمية إلى مركز آسو للانضمام إلى مجموعات عمل، ويوضّح المركز هنا موقفه من مخرجات اجتماعاتها.",
        "ku": "Di 18ê Gulana 2020an de Komeleya Tora Sûrî vexwendinek fermî ji Navenda ASO re şand da ku tevlî komên xebatê bibe; navend li vir helwesta xwe ya li hember encamên civînan ron dike.",
        "en": "On May 18, 2020, the Syrian Network Association sent an official invitation to ASO Center to join working groups; the Center clarifies here its position on the outcomes of those meetings.",
    },
    "body": {
        "ar": [
            p(
                "في الثامن عشر من أيار 2020، وجّهت جمعية الشبكة السورية دعوة رسمية إلى مركز آسو للاستشارات والدراسات الاستراتيجية للانضمام إلى مجموعات العمل التي تعمل عليها."
            ),
            p(
                "شارك المركز في الاجتماعات الأولى بروح إيجابية، إلا أن المخرجات التي صدرت لاحقاً لم تعكس النقاشات التي جرت ولا الملاحظات التي قدّمها ممثلو المركز."
            ),
            p(
                "لذلك يوضّح مركز آسو أنه غير معنيّ بتلك المخرجات، ويؤكد التزامه بالحوار مع جميع الأطراف على أساس الشفافية والشراكة المتكافئة."
            ),
        ],
        "ku": [
            p(
                "Di 18ê Gulana 2020an de, Komeleya Tora Sûrî vexwendinek fermî ji Navenda ASO ya Şêwirmendî û Lêkolînên Stratejîk re şand da ku tevlî komên xebatê yên wê bibe."
            ),
            p(
                "Navendê bi giyanekî erênî beşdarî civînên yekem bû, lê encamên ku paşê hatin weşandin ne nîqaşên ku pêk hatin û ne jî têbiniyên nûnerên navendê nîşan didin."
            ),
            p(
                "Ji ber vê yekê Navenda ASO ron dike ku ew bi wan encaman ve ne girêdayî ye, û pabendbûna xwe bi diyaloga bi hemû aliyan re li ser bingeha şefafî û hevkariya wekhev dubare dike."
            ),
        ],
        "en": [
            p(
                "On May 18, 2020, the Syrian Network Association sent an official invitation to ASO Center for Consultancy and Strategic Studies to join the working groups it runs."
            ),
            p(
                "The Center took part in the first meetings in a positive spirit, but the outcomes published afterwards reflected neither the discussions held nor the remarks made by the Center's representatives."
            ),
            p(
                "ASO Center therefore clarifies that it does not consider itself bound by those outcomes, and reaffirms its commitment to dialogue with all parties on the basis of transparency and equal partnership."
            ),
        ],
    },
}

IDP_SESSION = {
    "type": "dialogue_session",
    "slug": "dialogue-session-human-rights-idps-returnees",
    "date": "2021-06-02",
    "start_date": "2021-05-31",
    "end_date": "2021-05-31",
    "image": ("idps", "#7a4b1c"),
    "dateline": "amouda",
    "topics": ["human-rights", "displaced-people"],
    "places": ["amouda"],
    "project": "participatory-democracy",
    "partners": [],
    "organisers": ["aso-center"],
    "funders": ["npa"],
    "participants": (24, 11, 13),
    "age_groups": [(18, 30, 9), (31, 50, 11), (51, None, 4)],
    "title": {
        "ar": "آسو يختتم جلسة حوارية حول حقوق الإنسان واستقلالية النازحين والعائدين في شمال شرق سوريا",
        "en": "ASO Concludes a Dialogue Session on Human Rights and Independence of IDPs and Returnees in Northeastern Syria",
    },
    "summary": {
        "ar": "نظّم مركز آسو للاستشارات والدراسات الاستراتيجية جلسة حوارية حول حقوق الإنسان واستقلالية النازحين داخلياً والعائدين في شمال شرق سوريا.",
        "en": "ASO Center for Consultancy and Strategic Studies organized a dialogue session on human rights and the independence of internally displaced people (IDPs) and returnees in Northeastern Syria.",
    },
    "body": {
        "ar": [
            p("عُقدت الجلسة في مدينة عامودا بمشاركة ممثلين عن منظمات المجتمع المدني ونازحين وعائدين من مناطق مختلفة."),
            p(
                "ناقش المشاركون الحقوق الأساسية للنازحين داخلياً، ومنها الحق في السكن والوثائق الشخصية والتعليم، والعقبات التي تواجه العودة الطوعية والآمنة."
            ),
        ],
        "en": [
            p(
                "The session was held in Amouda with representatives of civil-society organizations, displaced people and returnees from several areas."
            ),
            p(
                "Participants discussed the basic rights of internally displaced people, including housing, personal documents and education, and the obstacles to a voluntary and safe return."
            ),
        ],
    },
    "outcomes": {
        "ar": ["إعداد ورقة تتضمن أبرز احتياجات النازحين في المنطقة", "تشكيل مجموعة متابعة من المشاركين"],
        "en": [
            "A paper on the main needs of displaced people in the region",
            "A follow-up group formed from the participants",
        ],
    },
    "recommendations": {
        "ar": ["تسهيل استخراج الوثائق الشخصية للنازحين", "إشراك النازحين في القرارات التي تخص عودتهم"],
        "en": [
            "Make it easier for IDPs to obtain personal documents",
            "Involve displaced people in decisions about their return",
        ],
    },
}

SAFETY_SESSION = {
    "type": "dialogue_session",
    "slug": "dialogue-session-psychological-social-safety",
    "date": "2021-07-06",
    "start_date": "2021-07-05",
    "end_date": "2021-07-05",
    "image": ("safety", "#24527a"),
    "dateline": "amouda",
    "topics": ["social-safety"],
    "places": ["qamishli"],
    "project": "participatory-democracy",
    "partners": ["nes-ngo-platform"],
    "organisers": ["aso-center"],
    "funders": ["npa"],
    "facilitators": ["imad-ahmi"],
    "participants": (18, 10, 8),
    "age_groups": [],
    "title": {
        "ar": "آسو يختتم جلسة حوارية حول الأمان النفسي والاجتماعي في شمال شرق سوريا",
        "ku": "ASO rûniştineke diyalogê li ser ewlehiya derûnî û civakî li Bakurê Rojhilatê Sûriyê bi dawî kir",
        "en": "ASO Concludes a Dialogue Session on Psychological and Social Safety in Northeastern Syria",
    },
    "summary": {
        "ar": "نظّم مركز آسو يوم الاثنين الماضي جلسة حوارية حول الأمان النفسي والاجتماعي في شمال شرق سوريا.",
        "ku": "Duşema borî Navenda ASO rûniştineke diyalogê li ser ewlehiya derûnî û civakî li Bakurê Rojhilatê Sûriyê li dar xist.",
        "en": "Last Monday, ASO Center for Consultancy and Strategic Studies organized a dialogue session on psychological and social safety in Northeastern Syria.",
    },
    "body": {
        "ar": [
            p(
                "شارك في الجلسة أخصائيون نفسيون واجتماعيون وممثلون عن منظمات محلية، وتناولت آثار سنوات الحرب والنزوح على الصحة النفسية للأطفال والنساء."
            ),
            p(
                "وتحدث المشاركون عن أهمية خدمات الدعم النفسي في المدارس والمراكز الصحية، وعن دور المجتمع المدني في بناء شبكات أمان اجتماعي."
            ),
        ],
        "ku": [
            p(
                "Pisporên derûnî û civakî û nûnerên rêxistinên herêmî beşdarî rûniştinê bûn; bandora salên şer û koçberiyê li ser tenduristiya derûnî ya zarok û jinan hat nîqaşkirin."
            ),
            p(
                "Beşdaran behsa girîngiya xizmetên piştgiriya derûnî li dibistan û navendên tenduristiyê û rola civaka sivîl di avakirina torên ewlehiya civakî de kirin."
            ),
        ],
        "en": [
            p(
                "Psychologists, social workers and representatives of local organizations took part in the session, which addressed the effects of years of war and displacement on the mental health of children and women."
            ),
            p(
                "Participants spoke about the importance of psychological support services in schools and health centres, and about the role of civil society in building social safety networks."
            ),
        ],
    },
    "outcomes": {
        "ar": ["خريطة أولية لخدمات الدعم النفسي المتاحة"],
        "ku": ["Nexşeyeke destpêkê ya xizmetên piştgiriya derûnî"],
        "en": ["A first map of available psychological support services"],
    },
    "recommendations": {
        "ar": ["توفير مرشدين نفسيين في المدارس"],
        "ku": ["Şêwirmendên derûnî li dibistanan bên peydakirin"],
        "en": ["Provide school counsellors"],
    },
}

ARABIC_ONLY_NEWS = {
    "type": "news",
    "slug": "training-local-councils-raqqa",
    "date": "2021-09-12",
    "dateline": "amouda",
    "topics": ["civil-society"],
    "places": ["raqqa-city"],
    "project": "participatory-democracy",
    "partners": [],
    "title": {"ar": "دورة تدريبية حول الإدارة المحلية والمساءلة لأعضاء المجالس المحلية في الرقة"},
    "summary": {
        "ar": "اختتم مركز آسو دورة تدريبية لأعضاء المجالس المحلية في مدينة الرقة حول مبادئ الإدارة المحلية والمساءلة والشفافية."
    },
    "body": {
        "ar": [
            p(
                "استمرت الدورة أربعة أيام وشارك فيها عشرون عضواً وعضوة من المجالس المحلية، وتناولت آليات إشراك السكان في التخطيط ومتابعة الخدمات."
            ),
        ]
    },
}

QAMISHLI_NEWS = {
    "type": "news",
    "slug": "women-participation-workshop-qamishli",
    "date": "2021-10-03",
    "image": ("women", "#8a2f5b"),
    "dateline": "qamishli",
    "topics": ["civil-society", "human-rights"],
    "places": ["qamishli"],
    "partners": ["nes-ngo-platform"],
    "title": {
        "ar": "ورشة عمل حول مشاركة المرأة في الحياة العامة في القامشلي",
        "ku": "Atolyeyek li ser beşdariya jinan di jiyana giştî de li Qamişlo",
        "en": "Workshop on Women's Participation in Public Life in Qamishli",
    },
    "summary": {
        "ar": "ناقشت الورشة العوائق التي تحدّ من مشاركة النساء في المجالس والمنظمات، وسبل تجاوزها.",
        "ku": "Atolyeyê astengiyên li pêşiya beşdariya jinan di meclis û rêxistinan de û rêyên derbaskirina wan nîqaş kirin.",
        "en": "The workshop discussed the barriers that limit women's participation in councils and organizations, and ways to overcome them.",
    },
    "body": {
        "ar": [p("شاركت في الورشة ثلاثون امرأة من منظمات المجتمع المدني والمجالس المحلية في القامشلي وريفها.")],
        "ku": [p("Sî jin ji rêxistinên civaka sivîl û meclisên herêmî yên Qamişlo û derdora wê beşdarî atolyeyê bûn.")],
        "en": [
            p(
                "Thirty women from civil-society organizations and local councils in Qamishli and its countryside took part in the workshop."
            )
        ],
    },
}

ITEMS = [WORKSHOPS, STATEMENT, IDP_SESSION, SAFETY_SESSION, ARABIC_ONLY_NEWS, QAMISHLI_NEWS]

FEATURED = ["workshops-community-mobilisation-deir-ezzor", "dialogue-session-psychological-social-safety"]

# Words for synthetic items (--volume): (ar, ku, en)
SYNTHETIC_SUBJECTS = [
    ("حقوق الإنسان", "mafên mirovan", "human rights", "human-rights"),
    ("النازحين والعائدين", "koçber û vegerokan", "displaced people and returnees", "displaced-people"),
    ("الأمان النفسي والاجتماعي", "ewlehiya derûnî û civakî", "psychological and social safety", "social-safety"),
    (
        "التحشيد المجتمعي والمناصرة",
        "seferberkirina civakî û parêzvaniyê",
        "community mobilisation and advocacy",
        "community-mobilisation",
    ),
    ("دور المجتمع المدني", "rola civaka sivîl", "the role of civil society", "civil-society"),
    ("التعليم في المخيمات", "perwerdehiya li kampan", "education in camps", "displaced-people"),
    ("المياه والصحة العامة", "av û tenduristiya giştî", "water and public health", "social-safety"),
    ("السلم الأهلي", "aştiya civakî", "civil peace", "civil-society"),
]
SYNTHETIC_KINDS = [
    ("news", "ورشة عمل حول {s} في {p}", "Atolyeyek li ser {s} li {p}", "Workshop on {s} in {p}"),
    (
        "dialogue_session",
        "جلسة حوارية حول {s} في {p}",
        "Rûniştineke diyalogê li ser {s} li {p}",
        "Dialogue session on {s} in {p}",
    ),
    ("statement", "بيان بشأن {s} في {p}", "Daxuyaniyek derbarê {s} li {p}", "Statement on {s} in {p}"),
]
