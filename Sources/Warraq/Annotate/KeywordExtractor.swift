/// Up to ten keywords of an article: its most frequent content words (title words count double), with
/// stopwords left out and clitics handled, so «والكرملين» and «للكرملين» count as «الكرملين». A keyword is
/// shown in its most frequent written form.
public struct KeywordExtractor: Sendable {
    public var limit = 10
    private let normalizer = Normalizer(steps: NormalizationStep.searchDefault)
    private let stopwords: Set<Word>

    public init() {
        let n = Normalizer(steps: NormalizationStep.searchDefault)
        stopwords = Set(ArabicStopwords.words.map { Word(n.normalize($0)) })
    }

    public func keywords(title: String?, text: String) -> [String] {
        // Count written forms first (a word repeats: each distinct form is normalized once).
        var formCount: [Word: (weight: Int, first: Int)] = [:]
        var position = 0
        func count(_ text: String, weight: Int) {
            for word in WordTokenizer.words(text) where word.bytes.count >= 6 {  // 3+ Arabic letters
                let form = Self.strippingProclitics(word)
                if let c = formCount[form] { formCount[form] = (c.weight + weight, c.first) } else { formCount[form] = (weight, position) }
                position += 1
            }
        }
        if let title { count(title, weight: 2) }
        count(text, weight: 1)
        var score: [Word: (weight: Int, first: Int, form: Word, formWeight: Int)] = [:]
        for (form, c) in formCount {
            let key = Word(normalizer.normalize(form.string))
            guard key.scalarCount >= 3, !stopwords.contains(key) else { continue }
            if let s = score[key] {
                let better = c.weight > s.formWeight || (c.weight == s.formWeight && form < s.form)
                score[key] = (s.weight + c.weight, min(s.first, c.first), better ? form : s.form, max(s.formWeight, c.weight))
            } else {
                score[key] = (c.weight, c.first, form, c.weight)
            }
        }
        // Words seen once say little about an article.
        let ranked = score.values.filter { $0.weight >= 2 }.sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.first < $1.first }
        return ranked.prefix(limit).map(\.form.string)
    }

    /// A word without its proclitics when they stand before the article: «والكرملين», «وللكرملين»,
    /// «بالكرملين» → «الكرملين»; «فالاتفاق» → «الاتفاق». Other words are left whole (a stem may begin with
    /// و or ب: «وزارة», «بيان»).
    private static let al = Clitics.alef + Clitics.lam, ll = Clitics.lam + Clitics.lam
    private static let bal = Clitics.ba + al, kal = Clitics.kaf + al

    static func strippingProclitics(_ word: Word) -> Word {
        var w = word
        if w.hasPrefix(Clitics.waw) || w.hasPrefix(Clitics.fa) {
            let rest = w.dropFirst(2)
            if rest.hasPrefix(al) || rest.hasPrefix(ll) || rest.hasPrefix(bal) || rest.hasPrefix(kal) { w = rest }
        }
        if w.hasPrefix(ll) && w.bytes.count > 8 { return Word(al + w.bytes[4...]) }
        if (w.hasPrefix(bal) || w.hasPrefix(kal)) && w.bytes.count > 10 { return w.dropFirst(2) }
        return w
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
