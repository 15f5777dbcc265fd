namespace RelationGraph.Core.Extraction.Mentions;

/// <summary>Kinds of token the mention finder distinguishes.</summary>
internal enum TokenKind
{
    Word,
    Number,
    Possessive,
    Punctuation,
}

/// <summary>A token of a sentence; offsets are UTF-16 indexes into the document text.</summary>
internal readonly record struct Token(int Start, int End, string Text, TokenKind Kind)
{
    public bool IsCapitalised => Kind == TokenKind.Word && Text.Length > 0 && char.IsUpper(Text[0]);

    public bool IsAllCaps
    {
        get
        {
            if (Kind != TokenKind.Word || Text.Length < 2)
            {
                return false;
            }

            var letters = 0;
            foreach (var c in Text)
            {
                if (char.IsLower(c))
                {
                    return false;
                }

                if (char.IsLetter(c))
                {
                    letters++;
                }
            }

            return letters >= 2;
        }
    }
}

/// <summary>Splits a span of text into words, numbers, possessive markers and punctuation.</summary>
internal static class Tokenizer
{
    /// <summary>Words longer than this are not names; they are kept as one opaque token.</summary>
    private const int MaxWordLength = 64;

    public static List<Token> Tokenize(string text, int start, int end)
    {
        var tokens = new List<Token>(Math.Max(4, (end - start) / 4));
        var i = start;
        while (i < end)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
                continue;
            }

            if (IsApostrophe(c) && i + 1 < end && text[i + 1] is 's' or 'S' && (i + 2 >= end || !char.IsLetterOrDigit(text[i + 2])))
            {
                tokens.Add(new Token(i, i + 2, text.Substring(i, 2), TokenKind.Possessive));
                i += 2;
                continue;
            }

            if (char.IsLetterOrDigit(c) || (c is '$' or '€' or '£' && i + 1 < end && char.IsDigit(text[i + 1])))
            {
                var j = i + 1;
                while (j < end)
                {
                    var d = text[j];
                    if (char.IsLetterOrDigit(d))
                    {
                        j++;
                    }
                    else if (d is '.' or ',' && j + 1 < end && char.IsDigit(text[j + 1]) && char.IsDigit(text[j - 1]))
                    {
                        j++;
                    }
                    else if (d == '.' && j + 1 < end && char.IsUpper(text[j + 1]) && j - i <= 2 && char.IsUpper(text[j - 1]))
                    {
                        // Dotted acronyms: U.S., U.K., U.N.
                        j++;
                    }
                    else if (d is '-' or '&' && j + 1 < end && char.IsLetterOrDigit(text[j + 1]))
                    {
                        j++;
                    }
                    else if (IsApostrophe(d) && j + 1 < end && char.IsLetter(text[j + 1]) && !(text[j + 1] is 's' or 'S' && (j + 2 >= end || !char.IsLetterOrDigit(text[j + 2]))))
                    {
                        j++;
                    }
                    else
                    {
                        break;
                    }
                }

                // A dotted acronym keeps its final dot ("U.S.").
                if (j < end && text[j] == '.' && j - i >= 3 && text[j - 2] == '.' && char.IsUpper(text[j - 1]))
                {
                    j++;
                }

                var kind = char.IsLetter(c) ? TokenKind.Word : TokenKind.Number;
                var length = Math.Min(j - i, MaxWordLength);
                tokens.Add(new Token(i, j, text.Substring(i, length), kind));
                i = j;
                continue;
            }

            if (char.IsHighSurrogate(c) && i + 1 < end)
            {
                tokens.Add(new Token(i, i + 2, text.Substring(i, 2), TokenKind.Punctuation));
                i += 2;
                continue;
            }

            tokens.Add(new Token(i, i + 1, c < AsciiStrings.Length ? AsciiStrings[c] : c.ToString(), TokenKind.Punctuation));
            i++;
        }

        return tokens;
    }

    // One shared string per ASCII character: punctuation tokens are frequent and need no allocation.
    private static readonly string[] AsciiStrings = Enumerable.Range(0, 128).Select(c => ((char)c).ToString()).ToArray();

    public static bool IsApostrophe(char c) => c is '\'' or '’' or '‘';
}
