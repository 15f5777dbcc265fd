using System.Globalization;
using System.Text;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using RelationGraph.Core.Extraction;

namespace RelationGraph.Core.Reading;

/// <summary>
/// Reduces an HTML page to its main text: the article (or main, or body) without scripts, navigation, share
/// links, comment sections, image credits and similar boilerplate; one block element per paragraph.
/// </summary>
internal static class HtmlTextExtractor
{
    private static readonly string[] DroppedTags =
        ["script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select", "figcaption", "menu", "dialog"];

    private static readonly string[] BoilerplateHints =
        ["share", "social", "comment", "nav", "menu", "footer", "header", "sidebar", "related", "advert", "promo", "cookie", "subscribe", "newsletter", "breadcrumb", "credit", "caption", "byline-share", "toolbar", "popup", "modal"];

    private static readonly HashSet<string> BlockTags = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "td", "th", "dd", "dt", "figure", "address", "tr", "ul", "ol", "table", "br",
    };

    public sealed record Result(string Text, string? Title, string? Author, string? Publisher, DateTimeOffset? PublishedAt);

    /// <exception cref="HtmlTooComplexException">The page did not parse within <paramref name="parseBudget"/> (by default <see cref="ParseBudget"/>).</exception>
    public static Result Extract(string html, TimeSpan? parseBudget = null)
    {
        using var document = Parse(html, parseBudget ?? ParseBudget(html.Length));
        var title = document.QuerySelector("meta[property='og:title']")?.GetAttribute("content")
            ?? document.Title
            ?? document.QuerySelector("h1")?.TextContent;
        var author = document.QuerySelector("meta[name='author']")?.GetAttribute("content");
        var publisher = document.QuerySelector("meta[property='og:site_name']")?.GetAttribute("content");
        DateTimeOffset? published = null;
        var publishedText = document.QuerySelector("meta[property='article:published_time']")?.GetAttribute("content")
            ?? document.QuerySelector("time[datetime]")?.GetAttribute("datetime");
        if (DateTimeOffset.TryParse(publishedText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            published = parsed;
        }

        foreach (var tag in DroppedTags)
        {
            foreach (var element in document.QuerySelectorAll(tag).ToList())
            {
                element.Remove();
            }
        }

        foreach (var element in document.QuerySelectorAll("[class],[id],[role]").ToList())
        {
            if (IsBoilerplate(element) && element.LocalName is not ("body" or "html" or "article" or "main"))
            {
                element.Remove();
            }
        }

        var root = document.QuerySelector("article") ?? document.QuerySelector("main") ?? document.QuerySelector("[role='main']") ?? document.Body;
        var builder = new StringBuilder();
        if (root is not null)
        {
            Append(root, builder);
        }

        var lexicon = Lexicon.Instance;
        var lines = builder.ToString().Split('\n')
            .Select(l => CollapseSpaces(l))
            .Where(l => l.Length > 0 && !(l.Length < 80 && lexicon.IsBoilerplateLine(l.TrimStart('•', ' '))));
        return new Result(string.Join("\n\n", lines), Clean(title), Clean(author), Clean(publisher), published);
    }

    /// <summary>
    /// How long a page may take to parse: 2 s plus 2 s per million characters, twenty times what ordinary pages need.
    /// Building the tree of a page whose elements nest very deep takes time quadratic in the nesting:
    /// 200,000 nested &lt;div&gt;s, 2.4 MB, would hold a worker for minutes.
    /// </summary>
    public static TimeSpan ParseBudget(int length) => TimeSpan.FromSeconds(2 + 2.0 * length / 1_000_000);

    private static IHtmlDocument Parse(string html, TimeSpan budget)
    {
        using var timeout = new CancellationTokenSource(budget);
        try
        {
            // CPU-bound all along: waiting on it blocks nothing else
            return new HtmlParser().ParseDocumentAsync(html, timeout.Token).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new HtmlTooComplexException(budget);
        }
    }

    private static bool IsBoilerplate(IElement element)
    {
        var marker = (element.ClassName + " " + element.Id + " " + element.GetAttribute("role")).ToLowerInvariant();
        foreach (var hint in BoilerplateHints)
        {
            if (marker.Contains(hint, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return marker.Contains("navigation", StringComparison.Ordinal) || marker.Contains("contentinfo", StringComparison.Ordinal);
    }

    private static void Append(INode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText textNode)
            {
                builder.Append(textNode.Data);
                continue;
            }

            if (child is not IElement element)
            {
                continue;
            }

            var block = BlockTags.Contains(element.LocalName);
            if (block)
            {
                builder.Append('\n');
            }

            if (element.LocalName == "li")
            {
                builder.Append("• ");
            }

            Append(element, builder);
            if (block)
            {
                builder.Append('\n');
            }
        }
    }

    private static string CollapseSpaces(string line)
    {
        var builder = new StringBuilder(line.Length);
        var space = false;
        foreach (var c in line)
        {
            if (char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
                continue;
            }

            if (space)
            {
                builder.Append(' ');
                space = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static string? Clean(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var clean = CollapseSpaces(value);
        return clean.Length == 0 ? null : clean;
    }
}

/// <summary>An HTML page too costly to parse (elements nested extremely deep): it fails alone instead of holding a worker.</summary>
internal sealed class HtmlTooComplexException(TimeSpan budget)
    : Exception(string.Create(CultureInfo.InvariantCulture, $"the HTML did not parse within {budget.TotalSeconds:0.#} s (its elements nest too deeply?)"));
