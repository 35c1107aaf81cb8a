namespace BreachNotify.Application.Acknowledgements;

public enum AcknowledgementLookup
{
    Valid,
    Unknown,
    Expired,
}
