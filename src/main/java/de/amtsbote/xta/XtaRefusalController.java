package de.amtsbote.xta;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Operators see what the XTA reader refused and closed. */
@RestController
@Tag(name = "xta")
class XtaRefusalController {

    private final XtaRefusals refusals;

    XtaRefusalController(XtaRefusals refusals) {
        this.refusals = refusals;
    }

    @Operation(summary = "Messages the XTA reader refused", description = "Newest first. The XTA server no longer "
            + "has them (the reader closed them); the hub keeps each with its problem. Role operator.")
    @GetMapping("/api/v1/xta/refusals")
    List<XtaRefusals.Refusal> refusals(@RequestParam(defaultValue = "100") int limit) {
        return refusals.recent(Math.max(1, Math.min(limit, 1000)));
    }
}
