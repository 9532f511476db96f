import requests

BASE_URL = "http://localhost:8000/api/v1"

# Analyze context
response = requests.post(
    f"{BASE_URL}/context/analyze",
    json={"context": "Healthcare clinic with patient records"}
)
analysis = response.json()

# Generate samples
response = requests.post(
    f"{BASE_URL}/generate/sample",
    json={
        "context": "Healthcare clinic with patient records",
        "sample_size": 5
    }
)
samples = response.json()

# Start corpus generation
response = requests.post(
    f"{BASE_URL}/generate/corpus",
    json={
        "context": "Healthcare clinic with patient records",
        "corpus_size": 1000
    }
)
job = response.json()
job_id = job["job_id"]

# Poll for completion
import time
while True:
    response = requests.get(f"{BASE_URL}/jobs/{job_id}/status")
    status = response.json()
    if status["status"] in ["completed", "failed"]:
        break
    print(f"Progress: {status['percent_complete']:.1f}%")
    time.sleep(2)

# Export results
response = requests.post(
    f"{BASE_URL}/jobs/{job_id}/export",
    json={"format": "csv"}
)
export_info = response.json()
print(f"Files: {export_info['export_paths']}")
