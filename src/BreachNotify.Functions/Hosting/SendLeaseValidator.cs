using BreachNotify.Functions.Delivery;
using BreachNotify.Functions.Workflow;
using Microsoft.Extensions.Options;

namespace BreachNotify.Functions.Hosting;

/// <summary>
/// The send lease outlasts one send, retries included: otherwise a worker still inside its send could be taken over,
/// and the notice sent twice.
/// </summary>
internal sealed class SendLeaseValidator(IOptions<SendGridOptions> sendGrid) : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions options)
    {
        double totalTimeoutSeconds;
        try
        {
            totalTimeoutSeconds = sendGrid.Value.TotalTimeoutSeconds;
        }
        catch (OptionsValidationException)
        {
            // SendGrid's own lines say what is wrong there; comparing with a value it refuses would only repeat them.
            return ValidateOptionsResult.Skip;
        }

        return options.SendLeaseSeconds <= totalTimeoutSeconds
            ? ValidateOptionsResult.Fail(
                $"Workflow:SendLeaseSeconds: must be longer than SendGrid:TotalTimeoutSeconds ({options.SendLeaseSeconds} <= {totalTimeoutSeconds})")
            : ValidateOptionsResult.Success;
    }
}
