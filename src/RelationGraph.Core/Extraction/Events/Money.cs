using System.Globalization;
using System.Text.RegularExpressions;

namespace RelationGraph.Core.Extraction.Events;

/// <summary>A money amount in the text: "$1.8 billion", "€40m", "12 million pounds". Offsets are UTF-16.</summary>
internal sealed partial record Money(int Start, int End, string Text, decimal Amount, string Currency)
{
    // Patterns run on sentences of at most SentenceSegmenter.MaxSentenceLength characters with bounded quantifiers;
    // the timeout is a safety net, and the extractor skips a sentence or stage that hits it.
    private const int MatchTimeoutMs = RegexLimits.MatchTimeoutMs;

    [GeneratedRegex(@"(?:(?<symbol>US\$|A\$|C\$|R\$|HK\$|S\$|NZ\$|\$|€|£|¥)\s?(?<number>\d{1,3}(?:,\d{3})+|\d+)(?<fraction>\.\d+)?(?:\s?(?<scale>trillion|billion|million|thousand|bn|m|k)\b)?|(?<number>\d{1,3}(?:,\d{3})+|\d+)(?<fraction>\.\d+)?\s(?<scale>trillion|billion|million|thousand)\s(?<unit>dollars|euros|pounds|USD|EUR|GBP))", RegexOptions.CultureInvariant, MatchTimeoutMs)]
    private static partial Regex MoneyPattern();

    public static List<Money> Find(string text, int start, int end)
    {
        var found = new List<Money>();
        if (text.AsSpan(start, end - start).IndexOfAnyInRange('0', '9') < 0)
        {
            return found;
        }

        var slice = text.Substring(start, end - start);
        foreach (Match match in MoneyPattern().Matches(slice))
        {
            var digits = match.Groups["number"].Value.Replace(",", "", StringComparison.Ordinal) + match.Groups["fraction"].Value;
            if (!decimal.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                continue;
            }

            var scale = match.Groups["scale"].Value.ToLowerInvariant() switch
            {
                "trillion" => 1_000_000_000_000m,
                "billion" or "bn" => 1_000_000_000m,
                "million" or "m" => 1_000_000m,
                "thousand" or "k" => 1_000m,
                _ => 1m,
            };
            var currency = (match.Groups["symbol"].Value, match.Groups["unit"].Value.ToLowerInvariant()) switch
            {
                ("€", _) or (_, "euros") or (_, "eur") => "EUR",
                ("£", _) or (_, "pounds") or (_, "gbp") => "GBP",
                ("¥", _) => "JPY",
                ("A$", _) => "AUD",
                ("C$", _) => "CAD",
                ("R$", _) => "BRL",
                ("HK$", _) => "HKD",
                ("S$", _) => "SGD",
                ("NZ$", _) => "NZD",
                _ => "USD",
            };
            found.Add(new Money(start + match.Index, start + match.Index + match.Length, match.Value, decimal.Round(amount * scale, 2), currency));
        }

        return found;
    }
}
