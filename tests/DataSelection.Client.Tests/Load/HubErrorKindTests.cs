using DataSelection.Client.Load;

namespace DataSelection.Client.Tests.Load;

public sealed class HubErrorKindTests
{
    [Theory]
    [InlineData("An unexpected error occurred invoking 'Run' on the server. HubException: Busy: The workbench is busy; retry in 10 s.", "Busy")]
    [InlineData("An unexpected error occurred invoking 'Run' on the server. HubException: RateLimited: Too many runs. Retry in 3 s.", "RateLimited")]
    [InlineData("LockRequired: Commit your prediction first.", "LockRequired")]
    [InlineData("An unexpected error occurred invoking 'Run' on the server.", "hub-error")]
    public void A_hub_error_is_counted_by_the_lab_rule_it_names_behind_signalRs_prefix(string message, string kind) =>
        Assert.Equal(kind, SimulatedStudent.RuleOf(message));
}
