namespace BreachNotify.Parties;

public enum PartyKind
{
    Customer,
    Subprocessor,
}
