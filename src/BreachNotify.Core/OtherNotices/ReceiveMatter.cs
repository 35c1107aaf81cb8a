namespace BreachNotify.OtherNotices;

/// <param name="SubjectCustomers">
/// A data-subject request's customers as the deployment's own lookup answered them (asked at the edge, before the decision):
/// joined with those the identifier's domain finds. Null when no lookup is configured or the customers are named.
/// </param>
public sealed record ReceiveMatter(OtherMatter Matter, string CommanderId, IReadOnlyList<string>? SubjectCustomers = null) : MatterMessage;
