using Microsoft.Extensions.Options;

namespace BreachNotify.Adapters.SendGrid;

/// <summary>Generated from the annotations on <see cref="SendGridOptions"/>.</summary>
[OptionsValidator]
internal sealed partial class SendGridOptionsValidator : IValidateOptions<SendGridOptions>;
