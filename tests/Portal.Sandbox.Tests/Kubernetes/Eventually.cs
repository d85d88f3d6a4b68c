namespace Portal.Sandbox.Tests.Kubernetes;

/// <summary>Polls a condition until it holds or a deadline passes (the simulated cluster converges asynchronously).</summary>
internal static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<string>? describe = null)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Condition not met within {timeout.TotalSeconds:0.#}s. {describe?.Invoke()}");
            }

            await Task.Delay(20);
        }
    }
}
