using System.ComponentModel.DataAnnotations;

namespace BreachNotify.Application.Acknowledgements;

/// <summary><c>Acknowledgement:*</c>.</summary>
public sealed class AcknowledgementOptions
{
    public const string Section = "Acknowledgement";

    /// <summary>How long a notice's link stays valid.</summary>
    [SettingRange(1, 365, ErrorMessage = "must be between 1 and 365")]
    public int TokenLifetimeDays { get; set; } = 30;

    /// <summary>Acknowledgement page requests per client address per minute (a recipient's whole company may share one NAT address).</summary>
    [SettingRange(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int PermitsPerMinute { get; set; } = 600;
}
