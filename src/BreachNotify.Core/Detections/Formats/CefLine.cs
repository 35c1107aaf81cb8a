using System.Text;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// Reads one CEF line: <c>[syslog prefix ]CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension</c>.
/// </summary>
/// <remarks>
/// Header fields unescape <c>\|</c> and <c>\\</c>. The extension is <c>key=value</c> pairs separated by spaces; a value
/// may contain spaces and runs until the next <c> key=</c>, and unescapes <c>\=</c>, <c>\\</c>, <c>\n</c>, <c>\r</c>
/// (and <c>\|</c>, which some senders escape there too). Any other backslash is kept as it is. Keys are matched without
/// regard to case, and the spec's full names (<c>destinationHostName</c>...) are read as their short names (<c>dhost</c>).
/// Linear in the line's length: every scan for the next key stops at the next space.
/// </remarks>
internal static class CefLine
{
    private const string Marker = "CEF:";
    private const int HeaderFields = 7;

    /// <summary>The spec's full key names, for senders that use them instead of the short ones.</summary>
    private static readonly Dictionary<string, string> ShortNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sourceAddress"] = "src",
        ["sourceHostName"] = "shost",
        ["destinationAddress"] = "dst",
        ["destinationHostName"] = "dhost",
        ["deviceAddress"] = "dvc",
        ["deviceHostName"] = "dvchost",
        ["message"] = "msg",
        ["deviceEventCategory"] = "cat",
        ["deviceAction"] = "act",
        ["startTime"] = "start",
        ["endTime"] = "end",
        ["deviceReceiptTime"] = "rt",
        ["fileName"] = "fname",
        ["fileSize"] = "fsize",
        ["requestUrl"] = "request",
        ["baseEventCount"] = "cnt",
        ["eventOutcome"] = "outcome",
        ["applicationProtocol"] = "app",
        ["transportProtocol"] = "proto",
        ["destinationPort"] = "dpt",
        ["deviceCustomString1"] = "cs1",
        ["deviceCustomString2"] = "cs2",
        ["deviceCustomString3"] = "cs3",
        ["deviceCustomString4"] = "cs4",
        ["deviceCustomString5"] = "cs5",
        ["deviceCustomString6"] = "cs6",
        ["deviceCustomString1Label"] = "cs1Label",
        ["deviceCustomString2Label"] = "cs2Label",
        ["deviceCustomString3Label"] = "cs3Label",
        ["deviceCustomString4Label"] = "cs4Label",
        ["deviceCustomString5Label"] = "cs5Label",
        ["deviceCustomString6Label"] = "cs6Label",
        ["deviceCustomNumber1"] = "cn1",
        ["deviceCustomNumber2"] = "cn2",
        ["deviceCustomNumber3"] = "cn3",
        ["deviceCustomNumber1Label"] = "cn1Label",
        ["deviceCustomNumber2Label"] = "cn2Label",
        ["deviceCustomNumber3Label"] = "cn3Label",
    };

    /// <summary>The event on <paramref name="line"/>, or null with <paramref name="error"/> saying what is wrong.</summary>
    public static CefEvent? Read(string line, out string? error)
    {
        var start = MarkerIndex(line);
        if (start < 0)
        {
            error = "not a CEF event: no 'CEF:' header (a syslog prefix may come before it)";
            return null;
        }

        var fields = new List<string>(HeaderFields);
        var field = new StringBuilder();
        var i = start + Marker.Length;
        while (i < line.Length && fields.Count < HeaderFields)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '|' or '\\')
            {
                field.Append(line[i + 1]);
                i += 2;
            }
            else if (c == '|')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else
            {
                field.Append(c);
                i++;
            }
        }

        string extension;
        if (fields.Count == HeaderFields)
        {
            extension = line[i..];
        }
        else if (fields.Count == HeaderFields - 1)
        {
            // Some senders drop the last '|' when the extension is empty.
            fields.Add(field.ToString());
            extension = "";
        }
        else
        {
            error = $"too few header fields: {fields.Count + 1} of 7 (CEF:Version|Device Vendor|Device Product|Device Version|Device Event Class ID|Name|Severity|Extension)";
            return null;
        }

        if (ReadExtension(extension, out error) is not { } pairs)
        {
            return null;
        }

        return new CefEvent(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5], fields[6], pairs, line[start..].TrimEnd());
    }

    /// <summary>Where <c>CEF:</c> starts: at the start of the line, or after a space or the syslog priority's '&gt;'.</summary>
    private static int MarkerIndex(string line)
    {
        var index = line.IndexOf(Marker, StringComparison.Ordinal);
        while (index > 0 && line[index - 1] is not (' ' or '\t' or '>'))
        {
            index = line.IndexOf(Marker, index + 1, StringComparison.Ordinal);
        }

        return index;
    }

    private static Dictionary<string, string>? ReadExtension(string text, out string? error)
    {
        error = null;
        var pairs = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var i = SkipBlanks(text, 0);
        while (i < text.Length)
        {
            var keyEnd = KeyEnd(text, i);
            if (keyEnd == i || keyEnd >= text.Length || text[keyEnd] != '=')
            {
                error = "extension: expected key=value pairs separated by spaces";
                return null;
            }

            var key = text[i..keyEnd];
            var valueEnd = NextKey(text, keyEnd + 1);
            // The first of a repeated key stands, as it does for JSON objects read by the other formats.
            pairs.TryAdd(ShortNames.GetValueOrDefault(key, key), Unescape(text.AsSpan(keyEnd + 1, valueEnd - keyEnd - 1)).Trim());
            i = SkipBlanks(text, valueEnd);
        }

        return pairs;
    }

    /// <summary>The blank before the next <c>key=</c> after <paramref name="from"/>, or the end of the text.</summary>
    private static int NextKey(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is not (' ' or '\t'))
            {
                continue;
            }

            var keyStart = SkipBlanks(text, i);
            var keyEnd = KeyEnd(text, keyStart);
            if (keyEnd > keyStart && keyEnd < text.Length && text[keyEnd] == '=')
            {
                return i;
            }

            // Nothing between i and keyEnd can start a key: skip past it.
            i = Math.Max(i, keyEnd - 1);
        }

        return text.Length;
    }

    private static int SkipBlanks(string text, int i)
    {
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i;
    }

    private static int KeyEnd(string text, int i)
    {
        while (i < text.Length && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is '_' or '.' or '-' or '[' or ']'))
        {
            i++;
        }

        return i;
    }

    private static string Unescape(ReadOnlySpan<char> value)
    {
        if (!value.Contains('\\'))
        {
            return value.ToString();
        }

        var result = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            if (value[i] == '\\' && i + 1 < value.Length)
            {
                var escaped = value[i + 1] switch
                {
                    '\\' => '\\',
                    '=' => '=',
                    '|' => '|',
                    'n' => '\n',
                    'r' => '\r',
                    _ => (char?)null,
                };
                if (escaped is { } c)
                {
                    result.Append(c);
                    i++;
                    continue;
                }
            }

            result.Append(value[i]);
        }

        return result.ToString();
    }
}
