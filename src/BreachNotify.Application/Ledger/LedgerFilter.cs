namespace BreachNotify.Application.Ledger;

/// <summary>Which register entries to show: a kind, and a window of <see cref="CustomerLedgerEntry.ToldAt"/> (from inclusive, to exclusive).</summary>
public sealed record LedgerFilter(string? Kind, DateTimeOffset? From, DateTimeOffset? To)
{
    public static readonly LedgerFilter All = new(null, null, null);

    public bool Matches(CustomerLedgerEntry entry) =>
        (Kind is null || entry.Kind == Kind) && (From is not { } from || entry.ToldAt >= from) && (To is not { } to || entry.ToldAt < to);
}
