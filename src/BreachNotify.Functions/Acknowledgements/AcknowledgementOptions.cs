namespace BreachNotify.Functions.Acknowledgements;

/// <summary><c>Acknowledgement:*</c>.</summary>
public sealed class AcknowledgementOptions
{
    /// <summary>How long a notice's link stays valid.</summary>
    public int TokenLifetimeDays { get; set; } = 30;

    /// <summary>Acknowledgement page requests per client address per minute (a recipient's whole company may share one NAT address).</summary>
    public int PermitsPerMinute { get; set; } = 600;

    public IEnumerable<string> Problems()
    {
        if (TokenLifetimeDays is < 1 or > 365)
        {
            yield return "Acknowledgement:TokenLifetimeDays: must be between 1 and 365";
        }

        if (PermitsPerMinute < 1)
        {
            yield return "Acknowledgement:PermitsPerMinute: must be at least 1";
        }
    }
}
