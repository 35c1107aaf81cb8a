namespace BreachNotify.Incidents;

public enum DecisionKind
{
    Approve,
    Reject,
    Reclassify,
}
