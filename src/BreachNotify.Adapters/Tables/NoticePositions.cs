namespace BreachNotify.Adapters.Tables;

/// <summary>One page of notices by position: [<paramref name="From"/>, <paramref name="To"/>), and the <c>noticesNext</c> after it.</summary>
public sealed record NoticePositions(int From, int To, string? Next);
