/// Up to ten keywords of an article: its most frequent content words (title words count double), with
/// stopwords left out and clitics handled, so «والكرملين» and «للكرملين» count as «الكرملين». A keyword is
/// shown in its most frequent written form.
public struct KeywordExtractor: Sendable {
    public var limit = 10
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
    private let stopwords: Set<String>

    public init() {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        stopwords = Set(ArabicStopwords.words.map(n.normalize))
    }

    public func keywords(title: String?, text: String) -> [String] {
        var score: [String: Int] = [:]
        var forms: [String: [String: Int]] = [:]
        var firstSeen: [String: Int] = [:]
        var position = 0
        func count(_ text: String, weight: Int) {
            for word in Gazetteer.tokens(text) {
                let (key, form) = base(word)
                guard key.unicodeScalars.count >= 3, !stopwords.contains(key), !key.unicodeScalars.allSatisfy({ $0.isASCII && $0.properties.numericType != nil }) else { continue }
                score[key, default: 0] += weight
                forms[key, default: [:]][form, default: 0] += 1
                if firstSeen[key] == nil { firstSeen[key] = position }
                position += 1
            }
        }
        if let title { count(title, weight: 2) }
        count(text, weight: 1)
        // Words seen once say little about an article.
        let ranked = score.filter { $0.value >= 2 }.sorted {
            $0.value != $1.value ? $0.value > $1.value : firstSeen[$0.key]! < firstSeen[$1.key]!
        }
        return ranked.prefix(limit).map { key, _ in
            forms[key]!.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }!.key
        }
    }

    /// The normalized key of a word and its written form, both without proclitics: و/ف, then ب/ل/ك
    /// before the article (لل → ال), so that the stem stays whole.
    private func base(_ word: String) -> (key: String, form: String) {
        var s = Array(word.unicodeScalars)
        func normalizedHasArticle(_ t: [Unicode.Scalar]) -> Bool { t.count > 3 && t[0] == "\u{0627}" && t[1] == "\u{0644}" }
        if s.count > 4, s[0] == "\u{0648}" || s[0] == "\u{0641}" {
            let rest = Array(s.dropFirst())
            if stopwords.contains(normalizer.normalize(String(String.UnicodeScalarView(rest)))) == false || normalizedHasArticle(rest) {
                s = rest
            }
        }
        if s.count > 4, s[0] == "\u{0644}", s[1] == "\u{0644}" {
            s = ["\u{0627}"] + Array(s.dropFirst())
        } else if s.count > 4, ["\u{0628}", "\u{0643}", "\u{0644}"].contains(s[0]), s[1] == "\u{0627}", s[2] == "\u{0644}" {
            s = Array(s.dropFirst())
        }
        let form = String(String.UnicodeScalarView(s))
        return (normalizer.normalize(form), form)
    }
}

/// Arabic stopwords for keywords: function words, pronouns, common verbs and adverbs of news prose.
enum ArabicStopwords {
    static let words: [String] = """
    في من على إلى الى عن مع أن إن ان أو او ثم حتى إذا اذا لم لن لا ما ماذا متى كيف أين اين هل قد لقد كان كانت يكون تكون \
    كانوا يكونون هو هي هم هن أنا نحن أنت انت أنتم هذا هذه ذلك تلك هؤلاء أولئك الذي التي الذين اللذين اللتين اللواتي \
    بين بعد قبل عند عندما منذ خلال حول ضد دون غير سوى كل بعض أي أيضا أيضاً كما مثل عبر لدى لدي إلا الا بل لكن لكن \
    و ف ب ل ك فيه فيها منه منها عليه عليها إليه إليها اليه اليها عنه عنها له لها لهم لهن به بها بهم فيهم منهم عليهم \
    وقال وقالت قال قالت يقول تقول أضاف اضاف وأضاف وأضافت أضافت أكد اكد وأكد أكدت وأكدت أشار اشار وأشار أشارت \
    أوضح وأوضح أعلن وأعلن أعلنت ذكر وذكر ذكرت أفاد أفادت تابع وتابع يذكر يشار يأتي جاء وجاء تم يتم وتم \
    اليوم أمس غدا الآن حاليا حيث إنه انه إنها انها أنه أنها كذلك هناك هنا وهو وهي وهذا وهذه وذلك ولا وما وفي ومن \
    وعلى وإلى وعن ومع وأن وإن وكان وكانت وقد ولم ولن عام العام خلال بينما فيما كلما كما لما مما ممن عما \
    الى عليه جدا جداً فقط أكثر اكثر أقل اقل أول اول أخرى اخرى آخر اخر الأول الاول الثاني الأخرى الاخرى \
    يمكن ويمكن سوف ليس ليست وليس لذلك بذلك ذاته نفسه نفسها إطار اطار بشأن شأن حسب وفق وفقا نحو لدى \
    عدد عدة ضمن أمام امام تحت فوق بسبب رغم إضافة اضافة يوم الساعة شهر سنة ألف الف مليون مليار
    """.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init)
}
