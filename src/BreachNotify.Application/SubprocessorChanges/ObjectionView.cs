namespace BreachNotify.Application.SubprocessorChanges;

public sealed record ObjectionView(string CustomerId, DateTimeOffset At, string By, string Reason, DateTimeOffset CureDeadline, string? Outcome, DateTimeOffset? OutcomeAt, int CureReminders = 0, DateTimeOffset? CureEndedAt = null);
