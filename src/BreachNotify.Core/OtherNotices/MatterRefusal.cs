namespace BreachNotify.OtherNotices;

/// <summary>A refused command: an expected outcome, not an error; <see cref="Field"/> names the input that is wrong.</summary>
public sealed record MatterRefusal(MatterRefusalKind Kind, string Reason, string? Field = null)
{
    public static MatterRefusal Invalid(string field, string reason) => new(MatterRefusalKind.Invalid, reason, field);

    public static MatterRefusal Conflict(string reason) => new(MatterRefusalKind.Conflict, reason);

    public static MatterRefusal NotFound(string reason) => new(MatterRefusalKind.NotFound, reason);
}
