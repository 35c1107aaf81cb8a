namespace BreachNotify.SubprocessorChanges;

/// <summary>A customer objects (through its notice link, or a commander records it); <see cref="By"/> says who.</summary>
public sealed record RecordObjection(string CustomerId, string By, string Reason) : SubprocessorChangeMessage;
