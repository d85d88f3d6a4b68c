using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Portal.Web.Tests.Endpoints;

/// <summary>Small helpers over the portal's REST API for tests: JSON bodies, problem details, waiting for jobs.</summary>
internal static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string path, string json) =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PatchJsonAsync(this HttpClient client, string path, string json) =>
        client.PatchAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts a 400 problem whose <c>errors</c> name <paramref name="field"/>, and returns the messages.</summary>
    public static async Task<string> AssertFieldErrorAsync(this HttpResponseMessage response, string field)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"expected 400, got {(int)response.StatusCode}: {body}");
        Assert.True(body.TryGetProperty("errors", out var errors), $"no 'errors' in {body}");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for '{field}' in {errors}");
        return string.Join(" ", messages.EnumerateArray().Select(m => m.GetString()));
    }

    /// <summary>Polls <c>GET /api/jobs/{id}</c> until the job has finished; returns it.</summary>
    public static async Task<JsonElement> WaitForJobAsync(this HttpClient client, long jobId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var job = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}?take=1");
            var state = job.GetProperty("state").GetString();
            if (state is "succeeded" or "failed" or "cancelled" or "interrupted")
            {
                return job;
            }

            Assert.True(DateTime.UtcNow < deadline, $"job {jobId} still {state} after {timeout}");
            await Task.Delay(100);
        }
    }

    public static async Task<long> AcceptedJobIdAsync(this HttpResponseMessage response)
    {
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"expected 202, got {(int)response.StatusCode}: {body}");
        return body.GetProperty("jobId").GetInt64();
    }
}
