namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>The 201 answer of an announcement; <see cref="Recipients"/> is the number of notices an approval sends.</summary>
public sealed record ChangeCreatedAnswer(string Id, string Status, int Recipients, IReadOnlyList<string> Customers, IReadOnlyList<ObjectionDeadlineView> ObjectionDeadlines);
