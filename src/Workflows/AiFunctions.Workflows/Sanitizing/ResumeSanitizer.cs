using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace AiFunctions.Workflows.Sanitizing;

/// <summary>
/// Turns a submitted resume (text, markdown or HTML) into the plain visible text a human would read, before any AI
/// call: removes hidden text (display:none, visibility:hidden, font-size:0, opacity:0, white text — inline or via a
/// &lt;style&gt; class/id rule —, hidden attribute, HTML comments), markup, and zero-width/invisible characters;
/// normalises compatibility characters (NFKC, so full-width look-alikes read as plain letters); and replaces text
/// aimed at the model with a marker (<see cref="InjectionDetector"/>: instructions in five languages, also behind
/// homoglyphs, spaced letters, encodings, links and tag characters; answer-format breaking) — flagged for the
/// reviewer, never obeyed.
/// Deterministic and stateless.
/// </summary>
public sealed partial class ResumeSanitizer
{
    /// <summary>What replaces an instruction aimed at the model.</summary>
    /// <remarks>None of the detection rules matches it, so sanitising twice changes nothing more.</remarks>
    public const string InjectionMarker = "[flagged text removed]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly HashSet<string> VoidElements =
        new(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"], StringComparer.Ordinal);

    /// <summary>Sanitises <paramref name="resume"/>.</summary>
    public SanitizedResume Sanitize(string resume)
    {
        ArgumentNullException.ThrowIfNull(resume);
        var flags = new List<SanitizerFlag>();
        var spans = new List<FlaggedSpan>();
        var smuggled = new List<string>();

        var text = MarkdownComment().Replace(resume, m =>
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.HiddenText, "A markdown comment (\"[//]: # (...)\") removed."));
            return string.Empty;
        });
        text = RemoveHidden(text, flags);
        text = RemoveMarkup(text, flags);
        text = RemoveInvisible(text, flags, smuggled);
        text = text.Normalize(NormalizationForm.FormKC);
        text = NormalizeWhitespace(text);
        text = InjectionDetector.Neutralise(text, smuggled, flags, spans);
        return new SanitizedResume(text, flags, spans);
    }

    private static string RemoveHidden(string text, List<SanitizerFlag> flags)
    {
        var comments = 0;
        text = HtmlComment().Replace(text, _ =>
        {
            comments++;
            return " ";
        });

        var (hiddenClasses, hiddenIds) = HidingSelectors(text);
        var blocks = 0;
        text = ScriptOrStyle().Replace(text, _ =>
        {
            blocks++;
            return " ";
        });

        text = RemoveHiddenElements(text, hiddenClasses, hiddenIds, out var hidden);

        if (hidden > 0)
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.HiddenText, $"{hidden} hidden element(s) removed (display:none, visibility:hidden, font-size:0, opacity:0, white text or hidden attribute)."));
        }

        if (comments > 0)
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.HiddenText, $"{comments} HTML comment(s) removed."));
        }

        if (blocks > 0)
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.HiddenText, $"{blocks} script/style block(s) removed."));
        }

        return text;
    }

    /// <summary>
    /// Walks the tags with a stack (so nesting cannot smuggle hidden text out) and drops every element whose opening
    /// tag hides it, with everything inside it. An unclosed hidden element hides the rest of the document, as in a browser.
    /// </summary>
    private static string RemoveHiddenElements(string text, HashSet<string> hiddenClasses, HashSet<string> hiddenIds, out int hiddenElements)
    {
        hiddenElements = 0;
        var output = new StringBuilder(text.Length);
        var stack = new List<(string Tag, bool Hidden)>();
        var hiddenDepth = 0;
        var position = 0;
        foreach (Match tag in TagToken().Matches(text))
        {
            if (hiddenDepth == 0)
            {
                output.Append(text, position, tag.Index - position);
            }

            position = tag.Index + tag.Length;
            var name = tag.Groups["tag"].Value.ToLowerInvariant();
            var wasVisible = hiddenDepth == 0;
            if (tag.Groups["close"].Success)
            {
                var open = stack.FindLastIndex(e => e.Tag == name);
                if (open >= 0)
                {
                    hiddenDepth -= stack.Skip(open).Count(e => e.Hidden);
                    stack.RemoveRange(open, stack.Count - open);
                }
            }
            else
            {
                var attributes = tag.Groups["attrs"].Value;
                var hides = HidingAttributes().IsMatch(attributes) || HasHidingClassOrId(attributes, hiddenClasses, hiddenIds);
                if (hides && hiddenDepth == 0)
                {
                    hiddenElements++;
                }

                if (!tag.Groups["self"].Success && !VoidElements.Contains(name))
                {
                    stack.Add((name, hides));
                    hiddenDepth += hides ? 1 : 0;
                }
                else if (hides)
                {
                    continue;
                }
            }

            if (wasVisible && hiddenDepth == 0)
            {
                output.Append(tag.Value);
            }
        }

        if (hiddenDepth == 0)
        {
            output.Append(text, position, text.Length - position);
        }

        return output.ToString();
    }

    /// <summary>Classes and ids that a &lt;style&gt; block hides (".x { display: none }", "#y { color: #fff }").</summary>
    private static (HashSet<string> Classes, HashSet<string> Ids) HidingSelectors(string text)
    {
        var classes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match block in StyleBlock().Matches(text))
        {
            foreach (Match rule in CssRule().Matches(block.Groups["css"].Value))
            {
                if (!HidingDeclarations().IsMatch(rule.Groups["body"].Value))
                {
                    continue;
                }

                foreach (var selector in rule.Groups["selectors"].Value.Split(','))
                {
                    var simple = SimpleSelector().Match(selector);
                    if (simple.Success)
                    {
                        (simple.Groups["kind"].Value == "." ? classes : ids).Add(simple.Groups["name"].Value);
                    }
                }
            }
        }

        return (classes, ids);
    }

    private static bool HasHidingClassOrId(string attributes, HashSet<string> hiddenClasses, HashSet<string> hiddenIds)
    {
        if (hiddenClasses.Count == 0 && hiddenIds.Count == 0)
        {
            return false;
        }

        foreach (Match attribute in ClassOrIdAttribute().Matches(attributes))
        {
            var names = attribute.Groups["value"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var hiding = attribute.Groups["attr"].Value.Equals("class", StringComparison.OrdinalIgnoreCase) ? hiddenClasses : hiddenIds;
            if (names.Any(hiding.Contains))
            {
                return true;
            }
        }

        return false;
    }

    private static string RemoveMarkup(string text, List<SanitizerFlag> flags)
    {
        var tags = 0;
        text = Tag().Replace(text, match =>
        {
            tags++;
            return BlockTag().IsMatch(match.Value) ? "\n" : string.Empty;
        });

        var decoded = EntityLike().IsMatch(text) ? WebUtility.HtmlDecode(text) : text;
        if (tags > 0)
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.Markup, $"{tags} markup tag(s) removed."));
        }

        return decoded;
    }

    private static string RemoveInvisible(string text, List<SanitizerFlag> flags, List<string> smuggled)
    {
        var removed = 0;
        var builder = new StringBuilder(text.Length);
        StringBuilder? tags = null;
        foreach (var rune in text.EnumerateRunes())
        {
            if (IsInvisible(rune))
            {
                // Unicode tag characters U+E0020-U+E007E spell ASCII invisibly ("ASCII smuggling"): keep what they say for inspection.
                if (rune.Value is >= 0xE0020 and <= 0xE007E)
                {
                    (tags ??= new StringBuilder()).Append((char)(rune.Value - 0xE0000));
                }

                removed++;
                continue;
            }

            builder.Append(rune.ToString());
        }

        if (tags is not null)
        {
            smuggled.Add(tags.ToString());
        }

        if (removed > 0)
        {
            flags.Add(new SanitizerFlag(SanitizerFlagKind.InvisibleCharacters, $"{removed} zero-width or invisible character(s) removed."));
        }

        return builder.ToString();
    }

    private static bool IsInvisible(Rune rune)
    {
        if (rune.Value is '\n' or '\r' or '\t')
        {
            return false;
        }

        // Format characters (zero-width space/joiners, word joiner, BOM, soft hyphen, bidi controls, Unicode tag
        // characters used for "ASCII smuggling"), controls, and the variation selectors.
        var category = Rune.GetUnicodeCategory(rune);
        return category is UnicodeCategory.Format or UnicodeCategory.Control
            || rune.Value is (>= 0xFE00 and <= 0xFE0F) or (>= 0xE0100 and <= 0xE01EF) or 0x115F or 0x1160 or 0x3164 or 0xFFA0;
    }

    private static string NormalizeWhitespace(string text)
    {
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        text = HorizontalSpace().Replace(text, " ");
        text = SpaceAroundNewline().Replace(text, "\n");
        text = ManyNewlines().Replace(text, "\n\n");
        return text.Trim();
    }

    [GeneratedRegex(@"(?m)^[ \t]*\[//\]:[ \t]*#[ \t]*(?:\([^\n]*\)|""[^\n]*""|'[^\n]*')[ \t]*$\n?", RegexOptions.None, 2000)]
    private static partial Regex MarkdownComment();

    [GeneratedRegex(@"<!--.*?(?:-->|$)", RegexOptions.Singleline, 2000)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(?<close>/)?(?<tag>[a-z][a-z0-9]*)\b(?<attrs>[^<>]*?)(?<self>/)?>", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex TagToken();

    // Attributes that hide an element: the hidden attribute, aria-hidden="true", or a style that makes it invisible.
    [GeneratedRegex(
        @"(?:^|\s)hidden(?=\s|=|/|$)(?!\s*=\s*[""']?false)|aria-hidden\s*=\s*[""']?true|style\s*=\s*[""'][^""']*?(?:display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|[""']|$)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|[""']|$)|(?<![a-z-])color\s*:\s*(?:#fff\b|#ffffff\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255)|max-height\s*:\s*0|height\s*:\s*0(?:px)?\s*;\s*overflow\s*:\s*hidden)",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex HidingAttributes();

    [GeneratedRegex(
        @"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:;|!|$)|opacity\s*:\s*0(?:\.0+)?\s*(?:;|!|$)|(?<![a-z-])color\s*:\s*(?:#fff\b|#ffffff\b|white\b|rgba?\(\s*255\s*,\s*255\s*,\s*255)|max-height\s*:\s*0",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 2000)]
    private static partial Regex HidingDeclarations();

    [GeneratedRegex(@"<style\b[^>]*>(?<css>.*?)</style\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, 2000)]
    private static partial Regex StyleBlock();

    [GeneratedRegex(@"(?<selectors>[^{}]+)\{(?<body>[^{}]*)\}", RegexOptions.None, 2000)]
    private static partial Regex CssRule();

    [GeneratedRegex(@"^\s*[a-z0-9]*(?<kind>[.#])(?<name>[a-z0-9_-]+)\s*$", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex SimpleSelector();

    [GeneratedRegex(@"(?:^|\s)(?<attr>class|id)\s*=\s*[""']?(?<value>[^""'>]*)", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex ClassOrIdAttribute();

    [GeneratedRegex(@"<(script|style|head|template|noscript)\b[^>]*>.*?</\1\s*>", RegexOptions.IgnoreCase | RegexOptions.Singleline, 2000)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"</?[a-z][a-z0-9]*\b[^<>]*>|<![a-z][^<>]*>", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex Tag();

    [GeneratedRegex(@"^</?(?:p|div|br|li|ul|ol|h[1-6]|tr|td|th|table|section|article|header|footer|hr)\b", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex BlockTag();

    [GeneratedRegex(@"&(?:#\d+|#x[0-9a-f]+|[a-z]+);", RegexOptions.IgnoreCase, 2000)]
    private static partial Regex EntityLike();

    [GeneratedRegex(@"[ \t\u00A0\u2000-\u200A\u202F\u205F\u3000]+", RegexOptions.None, 2000)]
    private static partial Regex HorizontalSpace();

    [GeneratedRegex(@" ?\n ?", RegexOptions.None, 2000)]
    private static partial Regex SpaceAroundNewline();

    [GeneratedRegex(@"\n{3,}", RegexOptions.None, 2000)]
    private static partial Regex ManyNewlines();
}
