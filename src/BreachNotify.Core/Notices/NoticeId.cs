namespace BreachNotify.Notices;

/// <summary>
/// A notice's id is its recipient's position in the incident's recipient list, so planning it twice gives the same ids,
/// and its batch is that position divided by the batch size, so a batch is one contiguous range of rows.
/// </summary>
public static class NoticeId
{
    public static string For(int index) => $"n{index:D5}";

    public static int IndexOf(string noticeId) =>
        noticeId.Length == 6 && noticeId[0] == 'n' && int.TryParse(noticeId.AsSpan(1), out var index) ? index : -1;
}
