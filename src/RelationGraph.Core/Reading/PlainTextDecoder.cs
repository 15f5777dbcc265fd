using System.Buffers;
using System.Text;
using System.Text.Unicode;
using RelationGraph.Core.Ingestion;

namespace RelationGraph.Core.Reading;

/// <summary>Strict UTF-8 decoding with a clear reason when the bytes are not text.</summary>
internal static class PlainTextDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> bytes, out string text, out string errorCode, out string error)
    {
        text = "";
        errorCode = error = "";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        var nul = bytes.IndexOf((byte)0);
        if (nul >= 0)
        {
            errorCode = DocumentErrorCodes.Binary;
            error = $"not a text file: NUL byte at offset {nul}";
            return false;
        }

        var buffer = ArrayPool<char>.Shared.Rent(Math.Max(1, bytes.Length));
        try
        {
            var status = Utf8.ToUtf16(bytes, buffer, out var read, out var written, replaceInvalidSequences: false);
            if (status != OperationStatus.Done)
            {
                var at = read;
                errorCode = DocumentErrorCodes.InvalidUtf8;
                error = at < bytes.Length
                    ? $"not UTF-8 text: invalid byte 0x{bytes[at]:X2} at offset {at}"
                    : $"not UTF-8 text: truncated sequence at offset {at}";
                return false;
            }

            text = new string(buffer, 0, written);
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }

        if (LooksBinary(text))
        {
            errorCode = DocumentErrorCodes.Binary;
            error = "not a text file: mostly control characters";
            return false;
        }

        return true;
    }

    // Valid UTF-8 can still be binary: many control characters other than tab and line breaks.
    private static bool LooksBinary(string text)
    {
        var sample = Math.Min(text.Length, 8192);
        var control = 0;
        for (var i = 0; i < sample; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && c is not '\n' and not '\r' and not '\t' and not '\f')
            {
                control++;
            }
        }

        return sample > 0 && control * 10 > sample;
    }

    public static bool IsBlank(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsWhiteSpace(c))
            {
                return false;
            }
        }

        return true;
    }

    public static string Normalise(string text) => text.Normalize(NormalizationForm.FormC);
}
