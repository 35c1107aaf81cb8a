using System.Globalization;

namespace BreachNotify.Detections.Formats;

/// <summary>
/// CEF's time values (<c>rt</c>, <c>start</c>, <c>end</c>): epoch milliseconds (or seconds, told apart by size), or <c>MMM dd yyyy HH:mm:ss[.SSS][ zone]</c>,
/// or ISO 8601 from senders that prefer it.
/// </summary>
/// <remarks>
/// The zone may be <c>UTC</c>, <c>GMT</c>, <c>Z</c> or an offset (<c>+01:00</c>, <c>+0100</c>, <c>GMT+01:00</c>); without one the
/// time is read as UTC. Zone abbreviations such as <c>PST</c> are ambiguous and the year-less form (<c>MMM dd HH:mm:ss</c>)
/// would need today's year, which the domain does not know: both are refused here rather than guessed.
/// </remarks>
internal static class CefTime
{
    private static readonly string[] Formats =
    [
        "MMM d yyyy HH:mm:ss", "MMM d yyyy HH:mm:ss.FFFFFFF", "MMM d yyyy H:mm:ss", "MMM d yyyy H:mm:ss.FFFFFFF",
    ];

    public static bool TryParse(string? text, out DateTimeOffset time)
    {
        time = default;
        var value = text?.Trim();
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        if (value.All(char.IsAsciiDigit))
        {
            // A number too long for a long is no time; JsonFields would try it as a float and as text.
            return long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out _) && JsonFields.TryTime(value, out time);
        }

        if (value.Length >= 10 && value.AsSpan(0, 4).ContainsAnyExceptInRange('0', '9') is false && value[4] == '-' && value[7] == '-')
        {
            // ISO 8601 carries its year, so the lenient parser cannot fill one in from the clock.
            return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);
        }

        var parts = value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var offset = TimeSpan.Zero;
        if (parts.Length == 5)
        {
            if (Zone(parts[4]) is not { } zone)
            {
                return false;
            }

            offset = zone;
            parts = parts[..4];
        }

        if (parts.Length != 4
            || !DateTime.TryParseExact(string.Join(' ', parts), Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return false;
        }

        try
        {
            time = new DateTimeOffset(local, offset).ToUniversalTime();
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            // A time at the very edge of the calendar moved out of range by its offset.
            return false;
        }
    }

    private static TimeSpan? Zone(string zone)
    {
        var text = zone.ToUpperInvariant();
        foreach (var prefix in new[] { "UTC", "GMT", "UT" })
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                text = text[prefix.Length..];
                if (text.Length == 0)
                {
                    return TimeSpan.Zero;
                }

                break;
            }
        }

        if (text == "Z")
        {
            return TimeSpan.Zero;
        }

        if (text.Length < 2 || text[0] is not ('+' or '-'))
        {
            return null;
        }

        var digits = text[1..].Replace(":", "", StringComparison.Ordinal);
        if (digits.Length is not (1 or 2 or 4) || !digits.All(char.IsAsciiDigit))
        {
            return null;
        }

        var hours = int.Parse(digits.Length == 4 ? digits[..2] : digits, CultureInfo.InvariantCulture);
        var minutes = digits.Length == 4 ? int.Parse(digits[2..], CultureInfo.InvariantCulture) : 0;
        if (hours > 14 || minutes > 59)
        {
            return null;
        }

        var span = new TimeSpan(hours, minutes, 0);
        return text[0] == '-' ? -span : span;
    }
}
