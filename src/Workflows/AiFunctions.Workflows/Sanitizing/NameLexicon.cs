namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// Words the name blinder needs to tell a name from something else: name parts that are also months, days, seasons,
/// US states and large cities, countries or everyday English words (removed on their own only where the text uses
/// them as a name: in the full name or after a title), particles that join name parts, and the words of resume
/// section titles and job titles (a line made of them is a heading, not a person's name). All case-insensitive.
/// </summary>
internal static class NameLexicon
{
    /// <summary>Particles inside a name ("Maria de la Cruz", "Ludwig van Beethoven"); never removed on their own.</summary>
    public static readonly HashSet<string> Particles = new(
        ["a", "an", "and", "as", "at", "be", "by", "do", "go", "he", "in", "is", "it", "me", "my", "no", "of", "on", "or", "so", "to", "up", "us", "we", "the", "for",
         "van", "von", "de", "la", "le", "del", "della", "der", "den", "da", "das", "dos", "di", "du", "des", "ter", "ten", "bin", "binti", "al", "el", "y", "e", "st", "jr", "sr", "ii", "iii", "iv"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Name parts that are also common words, places or dates. On their own they are left as they are (the same word in
    /// another candidate's resume is left too); the full name, a title + the part, and the structural positions are
    /// still removed.
    /// </summary>
    public static readonly HashSet<string> Ambiguous = new(
        [
            // months, days, seasons
            "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
            "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "spring", "summer", "autumn", "fall", "winter",
            // US states
            "alabama", "alaska", "arizona", "arkansas", "california", "colorado", "connecticut", "delaware", "florida", "georgia", "hawaii", "idaho",
            "illinois", "indiana", "iowa", "kansas", "kentucky", "louisiana", "maine", "maryland", "massachusetts", "michigan", "minnesota",
            "mississippi", "missouri", "montana", "nebraska", "nevada", "hampshire", "jersey", "mexico", "york", "carolina", "dakota", "ohio",
            "oklahoma", "oregon", "pennsylvania", "rhode", "tennessee", "texas", "utah", "vermont", "virginia", "washington", "wisconsin", "wyoming",
            // large US cities and places often in resumes
            "austin", "dallas", "houston", "phoenix", "denver", "madison", "jackson", "lincoln", "charlotte", "savannah", "aurora", "orlando",
            "boston", "chicago", "atlanta", "seattle", "portland", "columbus", "cleveland", "detroit", "memphis", "nashville", "louisville",
            "raleigh", "richmond", "tampa", "miami", "sacramento", "fresno", "omaha", "tulsa", "wichita", "arlington", "irvine", "pasadena",
            "berkeley", "stanford", "princeton", "cambridge", "oxford", "durham", "brooklyn", "manhattan", "queens", "bronx", "chester", "hamilton",
            "francisco", "antonio", "diego", "jose", "angeles", "clara", "monica", "barbara", "rosa", "cruz", "luis", "paul", "petersburg", "vegas",
            "sydney", "paris", "london", "florence", "victoria", "vienna", "berlin", "dublin", "geneva", "regina", "adelaide", "alexandria", "troy",
            "jordan", "china", "india", "israel", "kenya", "chad", "georgia", "ireland", "england", "france", "germany", "italy", "spain", "israel",
            // everyday words that are also first names or surnames
            "will", "rose", "grant", "hunter", "chase", "king", "young", "black", "white", "brown", "green", "gray", "grey", "rivers", "park", "parks",
            "angel", "archer", "baker", "ball", "banks", "barber", "barker", "bass", "bean", "bell", "berry", "best", "bishop", "bond", "booker",
            "booth", "branch", "brewer", "bridges", "brooks", "buck", "burns", "bush", "butler", "cannon", "carpenter", "carter", "case", "chambers",
            "chance", "chandler", "cherry", "christian", "church", "clay", "cook", "cooper", "cross", "crystal", "daisy", "dawn", "day", "dean",
            "drake", "drew", "duke", "english", "faith", "farmer", "fields", "fisher", "fletcher", "flowers", "ford", "forest", "foster", "fox",
            "frank", "freeman", "french", "frost", "fuller", "gates", "gentry", "ginger", "glass", "golden", "good", "goodman", "grace", "graves",
            "hall", "hardy", "harper", "hart", "heath", "heather", "hill", "holly", "hood", "hope", "horn", "house", "hunt", "iris", "ivy", "jack",
            "jay", "joy", "kind", "knight", "lamb", "lane", "lead", "lily", "little", "long", "love", "mark", "marks", "marshall", "mason", "max",
            "meadows", "miles", "miller", "mills", "misty", "moody", "moon", "moss", "noble", "page", "palmer", "patience", "pearl", "person",
            "pierce", "pope", "porter", "potter", "powers", "precious", "price", "prince", "ray", "reed", "rice", "rich", "rush", "sage", "sanders",
            "savage", "sharp", "shepherd", "shields", "short", "sierra", "skinner", "sky", "small", "smith", "snow", "sparks", "spears", "stark",
            "sterling", "stone", "strong", "summers", "tanner", "taylor", "turner", "unique", "valentine", "wade", "walker", "wall", "walls", "ward",
            "ware", "warner", "warren", "waters", "weaver", "webster", "weeks", "wells", "west", "wheeler", "wise", "wolf", "wood", "woods", "wright",
            "dominique", "essence", "ebony", "mahogany", "amber", "autumn", "destiny", "harmony", "journey", "justice", "liberty", "star", "storm",
            // organisations often named in resumes
            "google", "microsoft", "amazon", "apple", "facebook", "meta", "ibm", "intel", "cisco", "deloitte", "accenture", "walmart", "target",
            "costco", "macy", "kroger", "goldman", "sachs", "morgan", "stanley", "fargo", "jpmorgan", "citi", "citigroup", "pwc", "kpmg", "mckinsey",
            "bain", "nike", "disney", "boeing", "pfizer", "verizon", "comcast", "adobe", "nvidia", "tesla", "uber", "netflix", "paypal", "visa",
            "nordstrom", "kohl", "safeway", "sears", "lowe", "staples", "hilton", "marriott", "hertz", "dell", "hp", "sony", "samsung", "toyota",
            "honda", "ford", "chrysler", "bloomberg", "reuters", "harvard", "yale", "columbia", "cornell", "duke", "rice", "emory", "purdue",
            // skills and tools
            "ruby", "java", "python", "swift", "rust", "scala", "julia", "pascal", "ada", "perl", "dart", "kotlin", "excel", "oracle", "salesforce",
            "bill", "bob", "pat", "sue", "gene", "art", "sunny", "happy", "lucky", "mercy", "honor", "trinity", "paris", "brandy", "candy", "penny",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Words of section titles and job titles: a heading line made of them is not a name.</summary>
    public static readonly HashSet<string> HeadingWords = new(
        [
            "resume", "résumé", "cv", "curriculum", "vitae", "personal", "information", "details", "contact", "profile", "summary", "professional",
            "experience", "work", "employment", "history", "education", "skills", "objective", "career", "references", "certifications",
            "certificates", "projects", "achievements", "languages", "interests", "awards", "publications", "volunteer", "activities",
            "qualifications", "about", "me", "overview", "key", "core", "competencies", "technical", "highlights", "accomplishments", "training",
            "engineer", "developer", "manager", "analyst", "specialist", "assistant", "director", "consultant", "designer", "associate", "officer",
            "coordinator", "representative", "administrator", "architect", "scientist", "intern", "senior", "junior", "principal", "chief", "head",
            "executive", "supervisor", "clerk", "cashier", "store", "sales", "software", "financial", "finance", "human", "resources", "resource",
            "hr", "retail", "customer", "service", "technician", "nurse", "teacher", "accountant", "operations", "marketing", "data", "product",
            "project", "program", "university", "college", "school", "institute", "inc", "llc", "ltd", "corp", "corporation", "company", "bank",
            "group", "present", "page", "of", "and", "the", "for", "in", "at", "to", "with", "a", "an",
        ],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Greetings and closings that may stand right before a name ("Dear Adam Erickson", "Thanks Adam Erickson"): they do not make it part of a longer proper noun.</summary>
    public static readonly HashSet<string> Greetings = new(
        ["dear", "hi", "hello", "hey", "thanks", "regards", "sincerely", "cheers", "best", "by", "from", "signed", "attn", "to", "cc"],
        StringComparer.OrdinalIgnoreCase);

    /// <summary>Titles before a surname ("Ms. Erickson"): the title goes with the name, so no gender signal is left.</summary>
    public static readonly string[] Titles = ["Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Professor", "Sir", "Madam", "Mme", "Mlle", "Herr", "Frau", "Sr", "Sra", "Srta"];
}
