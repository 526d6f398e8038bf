package org.lungcad.server.api;

import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import org.junit.jupiter.api.Test;
import org.lungcad.server.dicom.DicomListener;
import org.lungcad.server.job.JobQueue;
import org.lungcad.server.job.JobRepository;
import org.lungcad.server.job.JobState;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

/** The node's own status for dashboards: its DICOM address, load and how many jobs are in each state. */
@WebMvcTest(StatusController.class)
@AutoConfigureMockMvc(addFilters = false)
class StatusControllerTest {

    @Autowired
    MockMvc mvc;
    @MockitoBean
    JobRepository jobs;
    @MockitoBean
    JobQueue queue;
    @MockitoBean
    DicomListener listener;

    @Test
    void showsTheListenerTheQueueAndACountForEveryState() throws Exception {
        when(listener.aeTitle()).thenReturn("LUNGCAD");
        when(listener.port()).thenReturn(11112);
        when(listener.activeAssociations()).thenReturn(2);
        when(queue.depth()).thenReturn(3);
        when(jobs.countByState(JobState.DELIVERED)).thenReturn(41L);
        when(jobs.countByState(JobState.FAILED)).thenReturn(1L);

        mvc.perform(get("/api/status"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.aeTitle").value("LUNGCAD"))
                .andExpect(jsonPath("$.dicomPort").value(11112))
                .andExpect(jsonPath("$.activeAssociations").value(2))
                .andExpect(jsonPath("$.queueDepth").value(3))
                // every state is listed, also those with no job, so a dashboard sees a zero rather than a gap
                .andExpect(jsonPath("$.jobs.length()").value(JobState.values().length))
                .andExpect(jsonPath("$.jobs[?(@.state == 'DELIVERED')].jobs").value(41))
                .andExpect(jsonPath("$.jobs[?(@.state == 'FAILED')].jobs").value(1))
                .andExpect(jsonPath("$.jobs[?(@.state == 'RECEIVED')].jobs").value(0));
    }
}
