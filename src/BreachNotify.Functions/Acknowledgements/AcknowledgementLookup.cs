namespace BreachNotify.Functions.Acknowledgements;

public enum AcknowledgementLookup
{
    Valid,
    Unknown,
    Expired,
}
