namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>The public list: the sub-processors now, and the approved changes still to come. No customer data.</summary>
public sealed record PublicSubprocessorList(string Processor, DateTimeOffset AsOf, IReadOnlyList<PublicSubprocessor> Current, IReadOnlyList<PublicUpcomingChange> Upcoming);
