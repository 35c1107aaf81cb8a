namespace BreachNotify.Notices;

/// <summary>
/// A notice's id is its recipient's position in the incident's recipient list, so planning it twice gives the same ids,
/// and its batch is that position divided by the batch size, so a batch is one contiguous range of rows. The notices of
/// a later phase (a follow-up, the closing) are numbered within their phase and carry it: <c>p{phase}-n{index}</c>, so the
/// first notices' ids (phase 0, <c>n{index}</c>) stay as they were and a phase's rows are one range of their own.
/// </summary>
/// <remarks>
/// Up to 99,999 an index is five digits (<c>n00042</c>, as it always was). Past that it has no upper bound: a letter
/// says how many digits follow (<c>f</c> six, <c>g</c> seven, ... <c>j</c> ten, as far as an <see cref="int"/> goes),
/// so <c>n99999</c> &lt; <c>nf100000</c> &lt; <c>ng1000000</c> in ordinal order and a batch stays one range of row keys.
/// </remarks>
public static class NoticeId
{
    private const int PaddedDigits = 5;
    private const char SixDigits = 'f';

    public static string For(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        var digits = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return digits.Length <= PaddedDigits ? $"n{index:D5}" : $"n{(char)(SixDigits + digits.Length - PaddedDigits - 1)}{digits}";
    }

    public static string For(int index, int phase) => phase == 0 ? For(index) : $"p{phase}-{For(index)}";

    /// <summary>The notice's position within its phase, or -1 when <paramref name="noticeId"/> is not a notice id.</summary>
    public static int IndexOf(string noticeId)
    {
        var (phase, index) = Parse(noticeId);
        return phase < 0 ? -1 : index;
    }

    /// <summary>The phase a notice belongs to (0 the first notices), or -1 when <paramref name="noticeId"/> is not a notice id.</summary>
    public static int PhaseOf(string noticeId) => Parse(noticeId).Phase;

    private static (int Phase, int Index) Parse(string noticeId)
    {
        var phase = 0;
        var rest = noticeId.AsSpan();
        if (rest.Length > 0 && rest[0] == 'p')
        {
            var dash = rest.IndexOf('-');
            if (dash < 2 || dash > 5 || !int.TryParse(rest[1..dash], System.Globalization.NumberStyles.None, null, out phase) || phase < 1 || rest[1] == '0')
            {
                return (-1, -1);
            }

            rest = rest[(dash + 1)..];
        }

        if (rest.Length < 1 + PaddedDigits || rest[0] != 'n')
        {
            return (-1, -1);
        }

        // Five digits, or a length letter and that many digits without a leading zero (one spelling per index).
        var digits = rest[1..];
        if (digits[0] is >= SixDigits and <= (char)(SixDigits + 4))
        {
            var length = digits[0] - SixDigits + PaddedDigits + 1;
            digits = digits[1..];
            if (digits.Length != length || digits[0] == '0')
            {
                return (-1, -1);
            }
        }
        else if (digits.Length != PaddedDigits)
        {
            return (-1, -1);
        }

        return int.TryParse(digits, System.Globalization.NumberStyles.None, null, out var index) ? (phase, index) : (-1, -1);
    }
}
