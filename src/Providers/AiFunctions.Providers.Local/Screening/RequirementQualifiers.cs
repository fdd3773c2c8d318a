using System.Text.RegularExpressions;

namespace AiFunctions.Providers.Local.Screening;

/// <summary>The kinds of qualifier a criterion can name (docs/local-provider.md).</summary>
internal enum QualifierKind
{
    /// <summary>A country, jurisdiction, nationality or language ("German", "UK", "EU", "California", "Mandarin").</summary>
    PlaceOrLanguage,

    /// <summary>A named certification or an acronym written in capitals ("SHRM-CP", "PMP", "CPA", "HRIS").</summary>
    Certification,

    /// <summary>A named technology ("Java", "PostgreSQL", "Kubernetes", "Power BI").</summary>
    Technology,
}

/// <summary>One qualifier: its display name, kind and the spellings that count as it (tokenised; case-insensitive unless marked "=").</summary>
internal sealed record Qualifier(QualifierKind Kind, string Name, IReadOnlyList<string[]> Spellings);

/// <summary>
/// The qualifiers of a criterion — what narrows its topic: "German employment law" is employment law <i>of Germany</i>,
/// "SHRM-SCP" is not "SHRM-CP", "Java" is not "JavaScript". A criterion's qualifiers must be present in the resume for
/// it to be met, not just its topic: per kind, every named qualifier (or any one of them when the criterion joins them
/// with "or" or "/"). Matching is on whole tokens and token sequences, so one qualifier never matches inside another.
/// Sources: the lexicons below (countries and their demonyms and languages, certifications, technologies) and, for
/// certifications and other named acronyms not listed, any token written in capitals in the criterion.
/// </summary>
internal static partial class RequirementQualifiers
{
    private static readonly IReadOnlyList<Qualifier> Lexicon = Build();

    /// <summary>Capitalised words that are not qualifiers (generic acronyms every resume of the field has).</summary>
    private static readonly HashSet<string> GenericAcronyms = new(StringComparer.Ordinal)
    {
        "hr", "it", "ai", "ml", "api", "apis", "ui", "ux", "qa", "kpi", "kpis", "b2b", "b2c", "ceo", "cto", "cfo", "coo", "vp", "ii", "iii",
        "and", "or", "of", "the", "a", "an", "in", "with", "for", "ba", "bs", "bsc", "ma", "ms", "msc", "phd", "eg", "ie", "etc", "inc", "ltd",
    };

    /// <summary>The qualifiers a criterion names.</summary>
    public static IReadOnlyList<Qualifier> In(string criterion)
    {
        var tokens = Tokens(criterion);
        var found = Lexicon.Where(q => q.Spellings.Any(s => Contains(tokens, s))).ToList();

        // Certifications and acronyms not in the lexicon: a token written in capitals (two letters or more).
        foreach (Match match in CapitalisedToken().Matches(criterion))
        {
            var word = match.Value.TrimEnd('.', ',', ')');
            var lower = word.ToLowerInvariant();
            if (word.Count(char.IsLetter) >= 2 && !GenericAcronyms.Contains(lower) && !found.Any(q => q.Spellings.Any(s => s.Length == 1 && string.Equals(s[0].TrimStart('='), lower, StringComparison.OrdinalIgnoreCase))))
            {
                found.Add(new Qualifier(QualifierKind.Certification, word, [[lower]]));
            }
        }

        return found;
    }

    /// <summary>True when the criterion offers alternatives ("Java or Kotlin", "CPA/ACCA") rather than requiring each.</summary>
    public static bool AnyOf(string criterion) => Alternatives().IsMatch(criterion);

    /// <summary>The lexicon's qualifiers of <paramref name="kind"/> that a text names (to say what a resume shows instead).</summary>
    public static IReadOnlyList<Qualifier> Named(string text, QualifierKind kind)
    {
        var tokens = Tokens(text);
        return Lexicon.Where(q => q.Kind == kind && q.Spellings.Any(s => Contains(tokens, s))).ToList();
    }

    /// <summary>True when the text names <paramref name="qualifier"/> (any of its spellings, whole tokens).</summary>
    public static bool IsIn(Qualifier qualifier, IReadOnlyList<string> textTokens) => qualifier.Spellings.Any(s => Contains(textTokens, s));

    /// <summary>The tokens of a text as written (skill marks kept: c#, c++, .net, node.js, shrm-cp; "/" splits).</summary>
    public static IReadOnlyList<string> Tokens(string text)
    {
        var tokens = new List<string>();
        foreach (Match match in Token().Matches(text))
        {
            var token = match.Value.TrimEnd('.', '-', '\'', '’', ',');
            if (token.EndsWith("'s", StringComparison.Ordinal) || token.EndsWith("’s", StringComparison.Ordinal))
            {
                token = token[..^2];
            }

            if (token.Length > 0)
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    private static bool Contains(IReadOnlyList<string> tokens, string[] sequence)
    {
        for (var i = 0; i + sequence.Length <= tokens.Count; i++)
        {
            var all = true;
            for (var j = 0; j < sequence.Length && all; j++)
            {
                all = Matches(tokens[i + j], sequence[j], first: j == 0, last: j == sequence.Length - 1);
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// One token against one word of a spelling. A spelling marked "=" matches only as written ("US", not "us"; "React",
    /// not "react"). A qualifier joined to another word by a hyphen counts as written: a spelling's last word may begin a
    /// token ("Spanish-speaking", "US-based", "AWS-certified", "New York-based") and its first word may end one
    /// ("Franco-German"), but not after "non-" ("non-EU" names no EU). Whole hyphen-separated parts only, so "SHRM-SCP"
    /// never matches "SHRM-CP".
    /// </summary>
    private static bool Matches(string token, string word, bool first, bool last)
    {
        var exact = word.StartsWith('=');
        var text = exact ? word[1..] : word;
        var comparison = exact ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        if (string.Equals(token, text, comparison))
        {
            return true;
        }

        if (token.Length <= text.Length + 1)
        {
            return false;
        }

        // A word joined before another ("Spanish-speaking"): allowed where the spelling ends (a one-word spelling or its last word).
        if (last && token[text.Length] == '-' && token.StartsWith(text, comparison))
        {
            return true;
        }

        // A word joined after another ("Franco-German"): allowed where the spelling starts; a negation names no qualifier.
        return first && token[^(text.Length + 1)] == '-' && token.EndsWith(text, comparison) && !token.StartsWith("non-", StringComparison.OrdinalIgnoreCase);
    }

    private static List<Qualifier> Build()
    {
        var list = new List<Qualifier>();
        void Add(QualifierKind kind, string name, params string[] spellings) =>
            list.Add(new Qualifier(kind, name, [.. spellings.Select(s => s.Split(' ', StringSplitOptions.RemoveEmptyEntries))]));

        // Countries, jurisdictions, nationalities and languages: one group per place (its demonym is also its language's name).
        var p = QualifierKind.PlaceOrLanguage;
        Add(p, "UK", "uk", "u.k", "united kingdom", "britain", "great britain", "british", "england", "scotland", "scottish", "wales", "welsh", "northern ireland");
        Add(p, "Ireland", "ireland", "irish", "republic of ireland");
        Add(p, "US", "=US", "u.s", "usa", "u.s.a", "united states", "american", "us federal", "flsa");
        Add(p, "English", "english");
        Add(p, "Canada", "canada", "canadian");
        Add(p, "Mexico", "mexico", "mexican");
        Add(p, "Brazil", "brazil", "brazilian");
        Add(p, "Argentina", "argentina", "argentinian", "argentine");
        Add(p, "Germany", "germany", "german", "deutschland", "deutsch");
        Add(p, "France", "france", "french");
        Add(p, "Spain", "spain", "spanish", "castilian");
        Add(p, "Portugal", "portugal", "portuguese");
        Add(p, "Italy", "italy", "italian");
        Add(p, "Netherlands", "netherlands", "dutch", "holland");
        Add(p, "Belgium", "belgium", "belgian", "flemish");
        Add(p, "Switzerland", "switzerland", "swiss");
        Add(p, "Austria", "austria", "austrian");
        Add(p, "Poland", "poland", "=Polish");
        Add(p, "Czech Republic", "czech republic", "czechia", "czech");
        Add(p, "Sweden", "sweden", "swedish");
        Add(p, "Norway", "norway", "norwegian");
        Add(p, "Denmark", "denmark", "danish");
        Add(p, "Finland", "finland", "finnish");
        Add(p, "Greece", "greece", "greek");
        Add(p, "Turkey", "=Turkey", "turkish", "türkiye");
        Add(p, "Russia", "russia", "russian");
        Add(p, "Ukraine", "ukraine", "ukrainian");
        Add(p, "Romania", "romania", "romanian");
        Add(p, "Hungary", "hungary", "hungarian");
        Add(p, "Israel", "israel", "israeli", "hebrew");
        Add(p, "Saudi Arabia", "saudi arabia", "saudi");
        Add(p, "UAE", "uae", "united arab emirates", "emirati", "dubai");
        Add(p, "Arabic", "arabic");
        Add(p, "Egypt", "egypt", "egyptian");
        Add(p, "Nigeria", "nigeria", "nigerian");
        Add(p, "South Africa", "south africa", "south african");
        Add(p, "Kenya", "kenya", "kenyan", "swahili");
        Add(p, "India", "india", "indian", "hindi");
        Add(p, "Pakistan", "pakistan", "pakistani", "urdu");
        Add(p, "China", "china", "chinese", "prc", "mandarin");
        Add(p, "Cantonese", "cantonese", "hong kong");
        Add(p, "Japan", "japan", "japanese");
        Add(p, "Korea", "korea", "south korea", "korean");
        Add(p, "Vietnam", "vietnam", "vietnamese");
        Add(p, "Thailand", "thailand", "thai");
        Add(p, "Indonesia", "indonesia", "indonesian", "bahasa");
        Add(p, "Philippines", "philippines", "filipino", "tagalog");
        Add(p, "Singapore", "singapore", "singaporean");
        Add(p, "Australia", "australia", "australian");
        Add(p, "New Zealand", "new zealand");
        Add(p, "EU", "eu", "european union", "gdpr");
        Add(p, "California", "california", "ccpa");
        Add(p, "New York", "new york", "nyc");
        Add(p, "Texas", "texas");
        Add(p, "Quebec", "quebec", "québec");
        Add(p, "Ontario", "ontario");
        Add(p, "Bavaria", "bavaria", "bavarian");

        // Certifications (levels are different certifications: SHRM-CP is not SHRM-SCP).
        var c = QualifierKind.Certification;
        Add(c, "SHRM-CP", "shrm-cp");
        Add(c, "SHRM-SCP", "shrm-scp");
        Add(c, "PHR", "phr");
        Add(c, "SPHR", "sphr");
        Add(c, "GPHR", "gphr");
        Add(c, "CIPD", "cipd");
        Add(c, "PMP", "pmp");
        Add(c, "PRINCE2", "prince2");
        Add(c, "CPA", "cpa");
        Add(c, "ACCA", "acca");
        Add(c, "CFA", "cfa");
        Add(c, "CIMA", "cima");
        Add(c, "CMA", "cma");
        Add(c, "CISSP", "cissp");
        Add(c, "CISM", "cism");
        Add(c, "CISA", "cisa");
        Add(c, "CCNA", "ccna");
        Add(c, "CCNP", "ccnp");
        Add(c, "ITIL", "itil");
        Add(c, "Six Sigma", "six sigma");
        Add(c, "Scrum Master", "scrum master", "csm", "psm");
        Add(c, "CKA", "cka", "certified kubernetes administrator");
        Add(c, "Series 7", "series 7");

        // Technologies: whole names, so Java is not JavaScript and SQL Server is not PostgreSQL.
        var t = QualifierKind.Technology;
        Add(t, "Java", "java");
        Add(t, "JavaScript", "javascript", "js", "ecmascript");
        Add(t, "TypeScript", "typescript");
        Add(t, "Python", "python");
        Add(t, "C#", "c#", "csharp");
        Add(t, "C++", "c++", "cpp");
        Add(t, "Go", "golang");
        Add(t, "Rust", "=Rust");
        Add(t, "Ruby", "ruby", "ruby on rails", "rails");
        Add(t, "PHP", "php");
        Add(t, "Scala", "scala");
        Add(t, "Kotlin", "kotlin");
        Add(t, "Swift", "=Swift");
        Add(t, "Objective-C", "objective-c");
        Add(t, "SQL", "sql", "postgresql", "postgres", "mysql", "t-sql", "mssql", "sqlite");
        Add(t, "PostgreSQL", "postgresql", "postgres");
        Add(t, "MySQL", "mysql");
        Add(t, "SQL Server", "sql server", "mssql", "t-sql");
        Add(t, "Oracle", "=Oracle");
        Add(t, "MongoDB", "mongodb", "mongo");
        Add(t, "Redis", "redis");
        Add(t, "Kafka", "kafka");
        Add(t, "Spark", "=Spark", "pyspark");
        Add(t, "Hadoop", "hadoop");
        Add(t, "Snowflake", "=Snowflake");
        Add(t, "AWS", "aws", "amazon web services");
        Add(t, "Azure", "azure", "microsoft azure");
        Add(t, "GCP", "gcp", "google cloud", "google cloud platform");
        Add(t, "Kubernetes", "kubernetes", "k8s");
        Add(t, "Docker", "docker");
        Add(t, "Terraform", "terraform");
        Add(t, "Ansible", "ansible");
        Add(t, "React", "=React", "react.js", "reactjs");
        Add(t, "Angular", "angular", "angularjs");
        Add(t, "Vue", "=Vue", "vue.js", "vuejs");
        Add(t, "Node.js", "node.js", "nodejs");
        Add(t, ".NET", ".net", "asp.net", "dotnet");
        Add(t, "Django", "django");
        Add(t, "Flask", "flask");
        Add(t, "Spring", "=Spring", "spring boot");
        Add(t, "Tableau", "tableau");
        Add(t, "Power BI", "power bi", "powerbi");
        Add(t, "Looker", "looker");
        Add(t, "SAP", "=SAP");
        Add(t, "Workday", "workday");
        Add(t, "Salesforce", "salesforce");
        Add(t, "SuccessFactors", "successfactors");
        Add(t, "ADP", "adp");
        Add(t, "Linux", "linux");
        Add(t, "TensorFlow", "tensorflow");
        Add(t, "PyTorch", "pytorch");
        return list;
    }

    /// <summary>Words, keeping the marks that make skill and certification names (c#, c++, .net, node.js, shrm-cp).</summary>
    [GeneratedRegex(@"\.?[\p{L}\p{N}][\p{L}\p{N}#+.'’-]*")]
    private static partial Regex Token();

    /// <summary>A word written in capitals (digits and hyphens allowed: SHRM-CP, PRINCE2, ISO-27001).</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*(?![\p{L}\p{N}])")]
    private static partial Regex CapitalisedToken();

    [GeneratedRegex(@"\bor\b|\w/\w|\beither\b|\bany of\b", RegexOptions.IgnoreCase)]
    private static partial Regex Alternatives();
}
