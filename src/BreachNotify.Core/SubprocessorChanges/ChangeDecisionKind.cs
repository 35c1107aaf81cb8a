namespace BreachNotify.SubprocessorChanges;

public enum ChangeDecisionKind
{
    Approve,
    Reject,
    Withdraw,
}
