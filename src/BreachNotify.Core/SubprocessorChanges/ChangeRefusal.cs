namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// A refused command: an expected outcome, not an error. The notice gate's refusal names the earliest effective time
/// that gives every concerned customer its notice, and the customers the asked time shorts.
/// </summary>
public sealed record ChangeRefusal(RefusalKind Kind, string Reason, string? Field = null, DateTimeOffset? EarliestEffectiveAt = null, IReadOnlyList<string>? Customers = null)
{
    public static ChangeRefusal Invalid(string field, string reason) => new(RefusalKind.Invalid, reason, field);

    public static ChangeRefusal Conflict(string reason) => new(RefusalKind.Conflict, reason);

    public static ChangeRefusal NotFound(string reason) => new(RefusalKind.NotFound, reason);
}
