using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace RelationGraph.Tests.Core.Extraction;

/// <summary>
/// A C# port of the matching logic of the shared eval/score.py, so tests can compute entity and relation F1
/// without Python. Offsets are code points, as in the scorer.
/// </summary>
internal static partial class Scoring
{
    private static readonly HashSet<string> Symmetric = ["COMMUNICATES_WITH", "ASSOCIATED_WITH"];
    private static readonly HashSet<string> SpanTypes = ["Contract", "Investigation"];

    public sealed record Prf(int Tp, int Fp, int Fn)
    {
        public double Precision => Tp + Fp == 0 ? 0 : (double)Tp / (Tp + Fp);

        public double Recall => Tp + Fn == 0 ? 0 : (double)Tp / (Tp + Fn);

        public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);
    }

    public sealed record Result(Prf Entities, Prf Relations, int ValidSpans, int CheckedSpans, IReadOnlyList<string> Problems)
    {
        public double ProvenanceValid => CheckedSpans == 0 ? 1 : (double)ValidSpans / CheckedSpans;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"entity_f1={Entities.F1:F3} (tp {Entities.Tp} fp {Entities.Fp} fn {Entities.Fn}) relation_f1={Relations.F1:F3} (tp {Relations.Tp} fp {Relations.Fp} fn {Relations.Fn}) provenance_valid={ProvenanceValid:F3}");
    }

    [GeneratedRegex(@"'s\b")]
    private static partial Regex Possessive();

    [GeneratedRegex(@"[^\w$%.]+")]
    private static partial Regex NonWord();

    [GeneratedRegex(@"(?<!\d)\.|\.(?!\d)")]
    private static partial Regex LooseDot();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();

    public static string Norm(string? s)
    {
        s = (s ?? "").Normalize(NormalizationForm.FormKC).ToLowerInvariant().Replace('\u2019', '\'');
        s = Possessive().Replace(s, "");
        s = NonWord().Replace(s, " ");
        s = LooseDot().Replace(s, " ");
        s = Spaces().Replace(s, " ").Trim();
        return s.StartsWith("the ", StringComparison.Ordinal) ? s[4..] : s;
    }

    public static Result Score(string document, string goldJson, string predictionJson)
    {
        var doc = new CodePointText(document);
        using var gold = JsonDocument.Parse(goldJson);
        using var pred = JsonDocument.Parse(predictionJson);
        var problems = new List<string>();

        var gEnts = gold.RootElement.GetProperty("entities").EnumerateArray().ToList();
        var gByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < gEnts.Count; i++)
        {
            gByName.TryAdd(gEnts[i].GetProperty("name").GetString()!, i);
        }

        var gSurface = gEnts.Select(e => Forms(e).Select(Norm).ToHashSet(StringComparer.Ordinal)).ToList();
        var gSpans = gEnts.Select(e => Forms(e).SelectMany(doc.Occurrences).ToList()).ToList();
        var gRelations = gold.RootElement.GetProperty("relations").EnumerateArray().ToList();
        foreach (var r in gRelations)
        {
            var evidence = doc.Occurrences(r.GetProperty("evidence").GetString() ?? "");
            foreach (var end in new[] { "source", "target" })
            {
                if (gByName.TryGetValue(r.GetProperty(end).GetString()!, out var i) && SpanTypes.Contains(Type(gEnts[i])))
                {
                    gSpans[i].AddRange(evidence);
                }
            }
        }

        var pEnts = pred.RootElement.GetProperty("entities").EnumerateArray().ToList();
        var pKey = new Dictionary<string, int>(StringComparer.Ordinal);
        var pSurface = new List<HashSet<string>>();
        var pSpans = new List<List<(int, int)>>();
        int valid = 0, checkedSpans = 0;
        for (var j = 0; j < pEnts.Count; j++)
        {
            var e = pEnts[j];
            if (e.TryGetProperty("id", out var id))
            {
                pKey[id.GetString()!] = j;
            }

            pKey.TryAdd(e.GetProperty("name").GetString()!, j);
            var forms = new HashSet<string>(StringComparer.Ordinal) { Norm(e.GetProperty("name").GetString()) };
            foreach (var alias in e.GetProperty("aliases").EnumerateArray())
            {
                forms.Add(Norm(alias.GetString()));
            }

            var spans = new List<(int, int)>();
            foreach (var m in e.GetProperty("mentions").EnumerateArray())
            {
                checkedSpans++;
                if (doc.Check(m, out var span))
                {
                    valid++;
                    spans.Add(span);
                    forms.Add(Norm(m.GetProperty("text").GetString()));
                }
                else
                {
                    problems.Add($"entity {e.GetProperty("name")}: bad mention {m}");
                }
            }

            forms.Remove("");
            pSurface.Add(forms);
            pSpans.Add(spans);
        }

        var candidates = new List<(int Strength, int G, int P)>();
        for (var i = 0; i < gEnts.Count; i++)
        {
            for (var j = 0; j < pEnts.Count; j++)
            {
                if (Type(pEnts[j]) != Type(gEnts[i]))
                {
                    continue;
                }

                if (gSurface[i].Overlaps(pSurface[j]))
                {
                    candidates.Add((2, i, j));
                }
                else if (SpanTypes.Contains(Type(gEnts[i])) && gSpans[i].Any(a => pSpans[j].Any(b => Overlaps(a, b))))
                {
                    candidates.Add((1, i, j));
                }
            }
        }

        var g2p = new Dictionary<int, int>();
        var p2g = new Dictionary<int, int>();
        foreach (var (_, i, j) in candidates.OrderBy(c => -c.Strength).ThenBy(c => c.G).ThenBy(c => c.P))
        {
            if (!g2p.ContainsKey(i) && !p2g.ContainsKey(j))
            {
                g2p[i] = j;
                p2g[j] = i;
            }
        }

        var entityTp = g2p.Count;
        var entities = new Prf(entityTp, pEnts.Count - entityTp, gEnts.Count - entityTp);

        var goldKeys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in gRelations)
        {
            if (gByName.TryGetValue(r.GetProperty("source").GetString()!, out var s) && gByName.TryGetValue(r.GetProperty("target").GetString()!, out var o))
            {
                goldKeys.Add(Key(r.GetProperty("type").GetString()!, s, o));
            }
            else
            {
                problems.Add($"gold relation names an unknown entity: {r}");
            }
        }

        var predKeys = new HashSet<string>(StringComparer.Ordinal);
        var unaligned = 0;
        foreach (var r in pred.RootElement.GetProperty("relations").EnumerateArray())
        {
            foreach (var ev in r.GetProperty("evidence").EnumerateArray())
            {
                checkedSpans++;
                if (doc.Check(ev, out _))
                {
                    valid++;
                }
                else
                {
                    problems.Add($"relation {r.GetProperty("type")}: bad evidence {ev}");
                }
            }

            var hasS = pKey.TryGetValue(r.GetProperty("source").GetString()!, out var sj);
            var hasO = pKey.TryGetValue(r.GetProperty("target").GetString()!, out var oj);
            if (!hasS || !hasO || !p2g.TryGetValue(sj, out var sg) || !p2g.TryGetValue(oj, out var og))
            {
                predKeys.Add("unaligned#" + unaligned++);
                continue;
            }

            predKeys.Add(Key(r.GetProperty("type").GetString()!, sg, og));
        }

        var relationTp = predKeys.Count(goldKeys.Contains);
        var relations = new Prf(relationTp, predKeys.Count - relationTp, goldKeys.Count - relationTp);
        return new Result(entities, relations, valid, checkedSpans, problems);
    }

    private static string Type(JsonElement entity) => entity.GetProperty("type").GetString() ?? "";

    private static IEnumerable<string> Forms(JsonElement entity)
    {
        yield return entity.GetProperty("name").GetString()!;
        if (entity.TryGetProperty("aliases", out var aliases))
        {
            foreach (var alias in aliases.EnumerateArray())
            {
                yield return alias.GetString()!;
            }
        }
    }

    private static string Key(string type, int s, int o) =>
        Symmetric.Contains(type) ? $"{type}|{Math.Min(s, o)}|{Math.Max(s, o)}" : $"{type}|{s}|{o}";

    private static bool Overlaps((int Start, int End) a, (int Start, int End) b) => a.Start < b.End && b.Start < a.End;

    /// <summary>The document as code points, so offsets mean what they mean in Python.</summary>
    private sealed class CodePointText
    {
        private readonly int[] _codePoints;

        public CodePointText(string text)
        {
            _codePoints = new int[text.Length];
            var n = 0;
            for (var i = 0; i < text.Length; i++)
            {
                _codePoints[n++] = char.ConvertToUtf32(text, i);
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                }
            }

            Array.Resize(ref _codePoints, n);
        }

        public string Slice(int start, int end)
        {
            var builder = new StringBuilder();
            for (var i = start; i < end; i++)
            {
                builder.Append(char.ConvertFromUtf32(_codePoints[i]));
            }

            return builder.ToString();
        }

        public List<(int, int)> Occurrences(string needle)
        {
            var spans = new List<(int, int)>();
            if (needle.Length == 0)
            {
                return spans;
            }

            var target = new CodePointText(needle)._codePoints;
            for (var i = 0; i + target.Length <= _codePoints.Length; i++)
            {
                if (_codePoints.AsSpan(i, target.Length).SequenceEqual(target))
                {
                    spans.Add((i, i + target.Length));
                }
            }

            return spans;
        }

        public bool Check(JsonElement span, out (int Start, int End) result)
        {
            result = default;
            if (!span.TryGetProperty("start", out var s) || !span.TryGetProperty("end", out var e))
            {
                return false;
            }

            var start = s.GetInt32();
            var end = e.GetInt32();
            if (!(0 <= start && start < end && end <= _codePoints.Length))
            {
                return false;
            }

            if (span.TryGetProperty("text", out var text) && Slice(start, end) != text.GetString())
            {
                return false;
            }

            result = (start, end);
            return true;
        }
    }
}
