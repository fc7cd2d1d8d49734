import Parquet

/// The Arabic stopword lists, in one place: the quality rules count `functionWords`, language identification reads
/// them with `languageEvidence`, and keywords leave out `keywords`. Words are written as they are spelled; every
/// user compares them in their search form (`Normalizer.search`), through `table(_:)`.
enum ArabicStopwords {
    /// The commonest function words: real prose has them, lists and junk do not.
    static let functionWords = [
        "في", "من", "على", "إلى", "عن", "أن", "مع", "أو", "هو", "التي", "الذي", "كان", "بين", "ما", "كانت", "هي", "بعد",
        "قد", "لا", "هذا", "هذه", "إن", "ذلك", "كما", "عام",
    ]
    /// More words that only Arabic, of the languages written in its script, uses this often.
    static let languageEvidence = ["الى", "ان", "وقال", "وفي", "حيث", "منذ", "خلال", "لم", "عند"]

    /// Function words, reporting verbs and other words that are never keywords.
    static let keywords: [String] = """
        في من على إلى الى عن مع أن إن ان أو او ثم حتى إذا اذا لم لن لا ما ماذا متى كيف أين اين هل قد لقد كان كانت \
        يكون تكون \
        كانوا يكونون هو هي هم هن أنا نحن أنت انت أنتم هذا هذه ذلك تلك هؤلاء أولئك الذي التي الذين اللذين اللتين \
        اللواتي \
        بين بعد قبل عند عندما منذ خلال حول ضد دون غير سوى كل بعض أي أيضا أيضاً كما مثل عبر لدى لدي إلا الا بل لكن لكن \
        و ف ب ل ك فيه فيها منه منها عليه عليها إليه إليها اليه اليها عنه عنها له لها لهم لهن به بها بهم فيهم منهم \
        عليهم \
        وقال وقالت قال قالت يقول تقول أضاف اضاف وأضاف وأضافت أضافت أكد اكد وأكد أكدت وأكدت أشار اشار وأشار أشارت \
        أوضح وأوضح أعلن وأعلن أعلنت ذكر وذكر ذكرت أفاد أفادت تابع وتابع يذكر يشار يأتي جاء وجاء تم يتم وتم \
        اليوم أمس غدا الآن حاليا حيث إنه انه إنها انها أنه أنها كذلك هناك هنا وهو وهي وهذا وهذه وذلك ولا وما وفي ومن \
        وعلى وإلى وعن ومع وأن وإن وكان وكانت وقد ولم ولن عام العام خلال بينما فيما كلما كما لما مما ممن عما \
        الى عليه جدا جداً فقط أكثر اكثر أقل اقل أول اول أخرى اخرى آخر اخر الأول الاول الثاني الأخرى الاخرى \
        يمكن ويمكن سوف ليس ليست وليس لذلك بذلك ذاته نفسه نفسها إطار اطار بشأن شأن حسب وفق وفقا نحو لدى \
        عدد عدة ضمن أمام امام تحت فوق بسبب رغم إضافة اضافة يوم الساعة شهر سنة ألف الف مليون مليار
        """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)

    /// A list in its search form, as a table to look words up in.
    static func table(_ words: [String]) -> ByteKeyTable {
        ByteKeyTable(words.map { Array(Normalizer.search.normalize($0).utf8) })
    }
}
