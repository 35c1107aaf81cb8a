namespace BreachNotify.Notices;

/// <summary>
/// A notice's id is its recipient's position in the incident's recipient list, so planning it twice gives the same ids,
/// and its batch is that position divided by the batch size, so a batch is one contiguous range of rows. The notices of
/// a later phase (a follow-up, the closing) are numbered within their phase and carry it: <c>p{phase}-n{index}</c>, so the
/// first notices' ids (phase 0, <c>n{index}</c>) stay as they were and a phase's rows are one range of their own.
/// </summary>
public static class NoticeId
{
    public static string For(int index) => $"n{index:D5}";

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

        return rest.Length == 6 && rest[0] == 'n' && int.TryParse(rest[1..], System.Globalization.NumberStyles.None, null, out var index) ? (phase, index) : (-1, -1);
    }
}
