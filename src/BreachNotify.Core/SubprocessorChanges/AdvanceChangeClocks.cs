namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// The change's timers came due (the sweep reads them): the effective time, a notice deadline, a cure period's reminder
/// or end. <see cref="UnsentCustomers"/> are the customers whose notices are not all sent, as the notice rows stand
/// (read only when a notice deadline is due: <see cref="SubprocessorChangeState.NoticeDeadlineDue"/>).
/// </summary>
public sealed record AdvanceChangeClocks(IReadOnlyList<string> UnsentCustomers) : SubprocessorChangeMessage;
