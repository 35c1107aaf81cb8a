using System.Globalization;
using BreachNotify.Notices;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// One page of a read's notices, from its query: <c>?noticesAfter=</c> (a <c>noticesNext</c>) and <c>?noticeLimit=</c>
/// (1-1,000). The same two parameters and the same 400s for an incident, a sub-processor change and a matter, so a read of
/// 100,000 notices never lists (or holds) them all.
/// </summary>
public sealed record NoticePageRequest(string? After, int Limit)
{
    /// <summary>The most notices one read returns (<c>noticeLimit</c> defaults to it).</summary>
    public const int MaxLimit = 1000;

    /// <summary>The page asked for, or the problem (naming the parameter) when one is not valid.</summary>
    public static (NoticePageRequest? Page, string? Problem) Parse(string? noticesAfter, string? noticeLimit)
    {
        var limit = MaxLimit;
        if (noticeLimit is not null && (!int.TryParse(noticeLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return (null, $"noticeLimit: a whole number from 1 to {MaxLimit}");
        }

        if (noticesAfter is not null && (noticesAfter.Length is 0 or > 32 || !noticesAfter.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')))
        {
            return (null, "noticesAfter: a notice id, as given in noticesNext");
        }

        return (new NoticePageRequest(noticesAfter, limit), null);
    }

    /// <summary>
    /// For a matter whose notices are its <paramref name="count"/> frozen recipients in order (ids <c>n{index}</c>): the
    /// positions [From, To) of this page and the <c>noticesNext</c> after it (null on the last page). Null when
    /// <see cref="After"/> is not such a notice id (a 400: a later phase's id has no place in these lists).
    /// </summary>
    public NoticePositions? Positions(int count)
    {
        var from = 0;
        if (After is not null)
        {
            if (NoticeId.PhaseOf(After) != 0)
            {
                return null;
            }

            from = NoticeId.IndexOf(After) + 1;
        }

        from = Math.Min(from, count);
        var to = (int)Math.Min((long)from + Limit, count);
        return new NoticePositions(from, to, to < count ? NoticeId.For(to - 1) : null);
    }
}
