namespace BreachNotify.Parties;

public sealed record ProcessorProfile
{
    public required string Name { get; init; }

    public string? PublicBaseUrl { get; init; }

    /// <summary>The notice limit for recipients whose contract names none.</summary>
    public int DefaultNoticeLimitHours { get; init; } = 24;

    /// <summary>Where customers reach the processor's privacy team (GDPR Art. 33(3)(b) contact point).</summary>
    public string? ContactEmail { get; init; }
}
